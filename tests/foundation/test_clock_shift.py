"""make test-anyday's shift: the same number of seconds for every process of a run, landing
on the chosen day and hour in Stockholm (summer time or not)."""

import datetime
import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "clock_shift", Path(__file__).resolve().parents[1] / "clock" / "shift.py")
shift = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shift)


@pytest.mark.parametrize(("now", "days", "at", "expected"), [
    # Winter to summer: 200 days after a December afternoon is a June morning.
    (datetime.datetime(2026, 12, 3, 16, 5, tzinfo=shift.STOCKHOLM), 200, "07:30",
     datetime.datetime(2027, 6, 21, 7, 30)),
    # Summer to winter, across two new years.
    (datetime.datetime(2026, 8, 20, 9, 0, tzinfo=shift.STOCKHOLM), 500, "15:30",
     datetime.datetime(2028, 1, 2, 15, 30)),
])
def test_the_shift_lands_on_the_day_and_hour_in_stockholm(now, days, at, expected):
    seconds = shift.shift_seconds(days, at, now=now)
    # As sitecustomize.py moves the clock: seconds added to the real (UTC) time.
    moved = (now.astimezone(datetime.UTC) + datetime.timedelta(seconds=seconds)
             ).astimezone(shift.STOCKHOLM)
    assert moved.replace(tzinfo=None) == expected
