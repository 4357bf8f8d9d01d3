"""When reminders go out: the policy's steps around an effective deadline, as send times.

Pure date arithmetic, no database. Every step has a nominal date (e.g. 14 days before
the deadline); it is sent at the policy's hour, Europe/Stockholm, on that date or, when
that is not a working day (remiss.workdays), on the previous working day.
Steps that land on the same send day are merged: the one nearest the deadline wins.
"""

import datetime
import math
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

from remiss.workdays import working_day_on_or_before

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")

KIND_BEFORE = "deadline.before"  # + number of days, e.g. deadline.before14
KIND_DAY = "deadline.day"
KIND_OVERDUE = "deadline.overdue"


def local_datetime(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


@dataclass(frozen=True)
class Step:
    kind: str
    occasion: datetime.date  # the nominal date of the step
    send_on: datetime.date  # a working day
    send_at: datetime.datetime  # aware, Europe/Stockholm
    offset: int  # days from the deadline to the occasion: negative before, positive after

    @property
    def is_overdue(self) -> bool:
        return self.offset > 0

    @property
    def days_before(self) -> int:
        return max(0, -self.offset)


def _nominal_steps(deadline: datetime.date, policy,
                   from_day: datetime.date | None) -> Iterator[tuple[str, int]]:
    for days in policy.days_before_list:
        yield f"{KIND_BEFORE}{days}", -days
    if policy.on_deadline_day:
        yield KIND_DAY, 0
    repeat = policy.repeat_after_days
    if repeat:
        first = 1
        if from_day is not None:
            # Jump close to from_day instead of walking every week since the deadline;
            # a week's margin covers holiday shifts.
            first = max(1, math.floor(((from_day - deadline).days - 7) / repeat))
        k = first
        while True:
            yield KIND_OVERDUE, k * repeat
            k += 1


def iter_steps(deadline: datetime.date, policy,
               from_day: datetime.date | None = None) -> Iterator[Step]:
    """Steps in send order (infinite when the policy repeats after the deadline).

    from_day lets the iteration skip overdue steps long before that day.
    """
    pending: Step | None = None
    for kind, offset in _nominal_steps(deadline, policy, from_day):
        occasion = deadline + datetime.timedelta(days=offset)
        send_on = working_day_on_or_before(occasion)
        if offset > 0 and send_on <= deadline:
            continue  # never call a row late on or before its deadline
        step = Step(kind, occasion, send_on, local_datetime(send_on, policy.send_hour), offset)
        # working_day_on_or_before is monotonic, so equal send days are always adjacent.
        if pending is not None and pending.send_on != step.send_on:
            yield pending
        pending = step
    if pending is not None:
        yield pending


def latest_due_step(deadline: datetime.date, policy, now: datetime.datetime) -> Step | None:
    """The most recent step whose send time has come (catch-up sends only this one)."""
    latest = None
    for step in iter_steps(deadline, policy, from_day=now.astimezone(STOCKHOLM).date()):
        if step.send_at > now:
            break
        latest = step
    return latest


def next_step_after(deadline: datetime.date, policy, now: datetime.datetime) -> Step | None:
    """The first step whose send time is still to come, or None when there is none."""
    for step in iter_steps(deadline, policy, from_day=now.astimezone(STOCKHOLM).date()):
        if step.send_at > now:
            return step
    return None


def due_and_next(deadline: datetime.date, policy,
                 now: datetime.datetime) -> tuple[Step | None, Step | None]:
    """latest_due_step() and next_step_after() in one pass (the sweep needs both)."""
    latest = None
    for step in iter_steps(deadline, policy, from_day=now.astimezone(STOCKHOLM).date()):
        if step.send_at > now:
            return latest, step
        latest = step
    return latest, None


def upcoming_steps(deadline: datetime.date, policy, now: datetime.datetime,
                   limit: int = 5) -> list[Step]:
    steps = []
    for step in iter_steps(deadline, policy, from_day=now.astimezone(STOCKHOLM).date()):
        if step.send_at > now:
            steps.append(step)
            if len(steps) >= limit:
                break
    return steps
