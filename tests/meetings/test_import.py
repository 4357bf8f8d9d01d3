"""Importing a sammanträdesplan from ICS and CSV: time zones, garbage, doubles, past dates."""

import datetime

import pytest

from meetings.importing import ImportError_, import_meetings, parse_file
from meetings.models import MeetingState, Sammantrade

D = datetime.date
pytestmark = pytest.mark.django_db

ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Kalender//SV
BEGIN:VEVENT
UID:knd-2026-09@example.se
DTSTAMP:20260801T000000Z
DTSTART:20260921T223000Z
SUMMARY:Kulturnamnden
LOCATION:Kulturhuset
END:VEVENT
BEGIN:VEVENT
UID:knd-2026-10@example.se
DTSTAMP:20260801T000000Z
DTSTART;TZID=Europe/Stockholm:20261020T160000
SUMMARY:Kulturnamnden
END:VEVENT
BEGIN:VEVENT
UID:knd-2026-11@example.se
DTSTAMP:20260801T000000Z
DTSTART;VALUE=DATE:20261117
SUMMARY:Kulturnamnden
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:knd-2026-06@example.se
DTSTAMP:20260801T000000Z
DTSTART;VALUE=DATE:20260616
SUMMARY:Kulturnamnden
END:VEVENT
END:VCALENDAR
"""


def test_ics_times_are_converted_to_stockholm():
    meetings = parse_file("plan.ics", ICS)
    first, second, third, _june = meetings
    # 22:30 UTC on 21 September is 00:30 on the 22nd in Stockholm (summer time).
    assert (first.date, first.time, first.place) == (D(2026, 9, 22), datetime.time(0, 30),
                                                     "Kulturhuset")
    assert (second.date, second.time) == (D(2026, 10, 20), datetime.time(16, 0))
    assert (third.date, third.time, third.cancelled) == (D(2026, 11, 17), None, True)


def test_import_saves_future_meetings_skips_past_and_updates_on_reimport(frozen, orgs):
    result = import_meetings(orgs["kun"], parse_file("plan.ics", ICS), today=frozen)
    assert (result.created, result.updated, result.skipped_past) == (3, 0, 1)
    assert Sammantrade.objects.get(date=D(2026, 11, 17)).state == MeetingState.INSTALLT
    again = import_meetings(orgs["kun"], parse_file("plan.ics", ICS), today=frozen)
    assert (again.created, again.updated) == (0, 3)
    assert Sammantrade.objects.count() == 3


@pytest.mark.parametrize("data", [b"BEGIN:VCALENDAR\nthis is not ical\n", b"\x00\x01garbage"])
def test_garbage_is_refused_with_a_swedish_message(data):
    with pytest.raises(ImportError_) as error:
        parse_file("plan.ics", data)
    assert "inte en giltig" in error.value.errors[0] or "UTF-8" in error.value.errors[0]


def test_two_meetings_on_one_day_refuse_the_whole_file(frozen, orgs):
    text = "datum;tid;plats\n2026-09-22;16:00;Stadshuset\n2026-09-22;18:00;Kulturhuset\n"
    with pytest.raises(ImportError_) as error:
        parse_file("plan.csv", text.encode())
    assert error.value.errors == [
        "Två sammanträden samma dag: 2026-09-22. Ta bort det ena och försök igen."]


def test_csv_with_header_and_a_bad_row_reports_the_row():
    good = parse_file("plan.csv", b"datum;tid;plats\n2026-09-22;16:00;Stadshuset\n"
                      b"2026-10-20;;\n")
    assert [(m.date, m.time) for m in good] == [(D(2026, 9, 22), datetime.time(16)),
                                                (D(2026, 10, 20), None)]
    with pytest.raises(ImportError_) as error:
        parse_file("plan.csv", b"2026-09-22,16:00\n2026-13-40,16:00\n2026-10-20,sen\n")
    assert error.value.errors == [
        "Rad 2: ”2026-13-40” är inte ett datum (ÅÅÅÅ-MM-DD).",
        "Rad 3: ”sen” är inte en tid (TT:MM)."]


def test_outlook_time_zone_names_and_foreign_zones():
    data = b"""BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:a
DTSTART;TZID=W. Europe Standard Time:20261020T160000
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTART;TZID=America/New_York:20261215T100000
END:VEVENT
BEGIN:VEVENT
UID:c
DTSTART:20261117T160000
END:VEVENT
END:VCALENDAR
"""
    assert [(m.date, m.time) for m in parse_file("x.ics", data)] == [
        (D(2026, 10, 20), datetime.time(16)), (D(2026, 12, 15), datetime.time(16)),
        (D(2026, 11, 17), datetime.time(16))]


def test_a_recurring_series_is_expanded_without_excluded_dates():
    data = b"""BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:serie
DTSTART;TZID=Europe/Stockholm:20260915T160000
RRULE:FREQ=MONTHLY;BYDAY=3TU;UNTIL=20261231T230000Z
EXDATE;TZID=Europe/Stockholm:20261117T160000
END:VEVENT
END:VCALENDAR
"""
    meetings = parse_file("serie.ics", data)
    assert [m.date for m in meetings] == [D(2026, 9, 15), D(2026, 10, 20), D(2026, 12, 15)]
    assert len({m.uid for m in meetings}) == 3


def test_an_event_without_start_is_reported():
    data = b"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nEND:VEVENT\nEND:VCALENDAR\n"
    with pytest.raises(ImportError_) as error:
        parse_file("x.ics", data)
    assert error.value.errors[0].startswith("Händelse 1 saknar giltigt startdatum")
