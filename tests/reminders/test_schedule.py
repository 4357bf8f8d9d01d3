"""The policy's steps as send times: weekends, Swedish holidays, merging, catch-up."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from reminders import schedule
from reminders.models import ReminderPolicy, validate_days

from .conftest import DEADLINE, at

D = datetime.date


def first_steps(deadline, policy=None, n=6):
    policy = policy or ReminderPolicy()
    out = []
    for step in schedule.iter_steps(deadline, policy):
        out.append((step.kind, step.send_on))
        if len(out) == n:
            break
    return out


def test_default_policy_steps_shift_weekend_and_holiday_to_previous_working_day():
    assert first_steps(DEADLINE) == [
        ("deadline.before14", D(2026, 12, 2)),
        ("deadline.before3", D(2026, 12, 11)),  # Sunday 12-13 -> Friday
        ("deadline.day", D(2026, 12, 16)),
        ("deadline.overdue", D(2026, 12, 23)),
        ("deadline.overdue", D(2026, 12, 30)),
        ("deadline.overdue", D(2027, 1, 5)),  # Trettondedag jul -> the day before
    ]


def test_de_facto_holidays_count_as_days_off():
    # Midsommarafton 2026-06-19 (a Friday) and the weekend: 3 days before Monday 06-22
    # is sent on Thursday 06-18.
    steps = dict((k, d) for k, d in first_steps(D(2026, 6, 22), n=3))
    assert steps["deadline.before3"] == D(2026, 6, 18)


def test_deadline_on_a_holiday_reminds_on_the_working_day_before():
    # Långfredagen 2026-04-03; the day reminder goes on Thursday 04-02.
    steps = dict(first_steps(D(2026, 4, 3), n=3))
    assert steps["deadline.day"] == D(2026, 4, 2)


def test_steps_on_the_same_send_day_merge_into_the_one_nearest_the_deadline():
    policy = ReminderPolicy(days_before="2, 1", on_deadline_day=True, repeat_after_days=0)
    # Deadline Monday 2026-12-07: 2 before (Sat) and 1 before (Sun) both go on Friday.
    assert first_steps(D(2026, 12, 7), policy) == [
        ("deadline.before1", D(2026, 12, 4)),
        ("deadline.day", D(2026, 12, 7)),
    ]


def test_an_overdue_step_never_falls_on_or_before_the_deadline():
    # Deadline Friday, repeat daily: Saturday and Sunday would shift back to the deadline.
    policy = ReminderPolicy(days_before="", repeat_after_days=1)
    assert first_steps(D(2026, 12, 11), policy, n=3) == [
        ("deadline.day", D(2026, 12, 11)),
        ("deadline.overdue", D(2026, 12, 14)),
        ("deadline.overdue", D(2026, 12, 15)),
    ]


def test_send_time_is_the_policy_hour_in_stockholm_summer_and_winter():
    policy = ReminderPolicy(send_hour=8)
    winter = next(schedule.iter_steps(DEADLINE, policy))
    assert winter.send_at.astimezone(datetime.UTC).hour == 7
    summer = next(schedule.iter_steps(D(2026, 7, 20), policy))
    assert summer.send_at.astimezone(datetime.UTC).hour == 6


def test_latest_due_and_next_step():
    policy = ReminderPolicy()
    assert schedule.latest_due_step(DEADLINE, policy, at("2026-12-02", "07:59")) is None
    assert schedule.latest_due_step(DEADLINE, policy,
                                    at("2026-12-02", "08:00")).kind == "deadline.before14"
    # After a gap only the latest step is due.
    assert schedule.latest_due_step(DEADLINE, policy, at("2026-12-17")).kind == "deadline.day"
    nxt = schedule.next_step_after(DEADLINE, policy, at("2026-12-17"))
    assert (nxt.kind, nxt.send_on) == ("deadline.overdue", D(2026, 12, 23))


def test_long_overdue_rows_jump_to_the_current_week():
    policy = ReminderPolicy()
    step = schedule.latest_due_step(D(2020, 1, 8), policy, at("2026-12-02"))
    assert step.kind == "deadline.overdue"
    assert (at("2026-12-02") - step.send_at) < datetime.timedelta(days=8)


def test_no_repeat_means_no_reminders_after_the_deadline():
    policy = ReminderPolicy(repeat_after_days=0)
    assert schedule.next_step_after(DEADLINE, policy, at("2026-12-17")) is None


@pytest.mark.parametrize("value", ["14, x", "0", "-3", "3.5"])
def test_policy_days_must_be_positive_whole_numbers(value):
    with pytest.raises(ValidationError) as info:
        validate_days(value)
    assert info.value.code == "invalid_days"


def test_policy_days_parse():
    assert ReminderPolicy(days_before="3; 14, 3").days_before_list == [14, 3]


@pytest.mark.django_db
def test_policy_hour_is_checked():
    with pytest.raises(ValidationError):
        ReminderPolicy(send_hour=24).full_clean()


@pytest.mark.django_db
def test_current_policy_is_the_saved_row_or_defaults():
    assert ReminderPolicy.current().days_before_list == [14, 3]
    ReminderPolicy.objects.create(days_before="10")
    assert ReminderPolicy.current().days_before_list == [10]
