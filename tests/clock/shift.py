"""Print the seconds from now to <days> days later at <HH:MM> in Stockholm.

    python tests/clock/shift.py 200 07:30

`make test-anyday` computes the shift once and gives it to every process of a run
(sitecustomize.py), so each run sees another date *and* a chosen time of day: rules that
compare moments (an answer stamped at noon, "new since the last visit") fail in the
morning, rules about dates fail around midnight and the turn of the year.
"""

import datetime
import sys
import zoneinfo

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def shift_seconds(days: int, at: str, now: datetime.datetime | None = None) -> int:
    now = now or datetime.datetime.now(STOCKHOLM)
    day = (now + datetime.timedelta(days=days)).date()
    hour, minute = (int(part) for part in at.split(":"))
    target = datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)
    # In UTC: Python subtracts two times of one zone on the wall clock, ignoring summer time.
    return int((target.astimezone(datetime.UTC) - now.astimezone(datetime.UTC)).total_seconds())


if __name__ == "__main__":
    print(shift_seconds(int(sys.argv[1]), sys.argv[2]))
