"""A sammanträdesplan CSV with old-Mac (CR) or Windows (CRLF) line endings reads like any
other; a file csv reads oddly is read or refused with a Swedish message, never a 500."""

import datetime

import pytest

from meetings.importing import ImportError_, parse_file

ROWS = ["datum;tid;plats", "2027-02-10;16:00;Kulturhuset", "2027-03-17;16:30;Stadshuset"]


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_every_line_ending_reads_the_same(ending):
    meetings = parse_file("plan.csv", ending.join(ROWS).encode() + ending.encode())
    assert [(m.date, m.time, m.place) for m in meetings] == [
        (datetime.date(2027, 2, 10), datetime.time(16, 0), "Kulturhuset"),
        (datetime.date(2027, 3, 17), datetime.time(16, 30), "Stadshuset")]


@pytest.mark.parametrize("data", [b"2027-02-10;16:00;Kultur\x00huset\n",
                                  b'2027-02-10;16:00;"Kulturhuset\n2027-03-17'])
def test_odd_csv_is_read_or_refused_with_a_swedish_message(data):
    try:
        meetings = parse_file("plan.csv", data)
    except ImportError_ as refused:
        assert refused.errors and all(isinstance(e, str) for e in refused.errors)
    else:
        assert meetings[0].date == datetime.date(2027, 2, 10)
