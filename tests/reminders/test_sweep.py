"""The sweep with a frozen clock: every policy step once, to the right people."""

import datetime

import pytest
from django.core import mail

from programs.models import Recipient
from reminders.models import ReminderMute, ReminderPolicy, SentReminder
from reminders.sweep import plan, reschedule

pytestmark = pytest.mark.django_db

SWEEP_DAYS = [datetime.date(2026, 11, 25) + datetime.timedelta(days=n) for n in range(47)]


def test_each_policy_step_is_sent_once_on_its_day(row, clock, run_sweep):
    sent_on = []
    for day in SWEEP_DAYS:
        for time in ("07:45", "08:05", "15:30"):  # several sweeps a day
            clock(day.isoformat(), time)
            before = len(mail.outbox)
            run_sweep()
            sent_on += [day] * (len(mail.outbox) - before)
    handlaggare_mails = [d for d, m in zip(sent_on, mail.outbox, strict=True)
                         if m.to == ["handlaggare.kultur@stockholm.se"]]
    assert handlaggare_mails == [
        datetime.date(2026, 12, 2), datetime.date(2026, 12, 11), datetime.date(2026, 12, 16),
        datetime.date(2026, 12, 23), datetime.date(2026, 12, 30), datetime.date(2027, 1, 5),
    ]


def test_nothing_before_the_send_hour(row, clock, run_sweep):
    clock("2026-12-02", "07:59")
    run_sweep()
    assert mail.outbox == []
    clock("2026-12-02", "08:00")
    run_sweep()
    assert len(mail.outbox) == 1


def test_sweep_twice_sends_once(row, clock, run_sweep):
    clock("2026-12-02")
    run_sweep()
    run_sweep()
    assert len(mail.outbox) == 1
    assert SentReminder.objects.get().status == SentReminder.Status.SENT


def test_a_rerun_with_a_reset_cursor_still_sends_once(row, clock, run_sweep):
    """Even when the cursor is wrong (restored backup, manual fix), the ledger holds."""
    clock("2026-12-02")
    run_sweep()
    Recipient.objects.filter(pk=row.pk).update(next_reminder_at=datetime.datetime(
        2026, 12, 1, tzinfo=datetime.UTC))
    run_sweep()
    assert len(mail.outbox) == 1


def test_catch_up_after_a_gap_sends_the_latest_step_once(row, clock, run_sweep):
    clock("2026-11-30")
    run_sweep()
    # No sweep for 18 days: 14 days before, 3 days before and the day all passed.
    clock("2026-12-18", "09:30")
    run_sweep()
    run_sweep()
    assert len(mail.outbox) == 1
    assert SentReminder.objects.get().kind == "deadline.day"
    row.refresh_from_db()
    assert row.next_reminder_at.date() == datetime.date(2026, 12, 23)


def test_overdue_reminders_also_go_to_granskare_and_namndsekreterare(row, clock, run_sweep,
                                                                     users):
    clock("2026-12-23")
    run_sweep()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "granskare.kultur@stockholm.se", "handlaggare.kultur@stockholm.se",
        "sekreterare.kultur@stockholm.se",
    ]


def test_before_the_deadline_only_the_handlaggare(row, clock, run_sweep, users):
    clock("2026-12-16")
    run_sweep()
    assert [m.to for m in mail.outbox] == [["handlaggare.kultur@stockholm.se"]]


def test_organisation_address_when_nobody_is_assigned(row, clock, run_sweep):
    Recipient.objects.filter(pk=row.pk).update(handlaggare=None)
    clock("2026-12-02")
    run_sweep()
    assert [m.to for m in mail.outbox] == [["reg.kun@stockholm.se"]]


def test_handlaggare_without_email_falls_back_to_the_organisation(row, clock, run_sweep,
                                                                  users):
    users["handlaggare_a"].email = ""
    users["handlaggare_a"].save()
    clock("2026-12-02")
    run_sweep()
    assert [m.to for m in mail.outbox] == [["reg.kun@stockholm.se"]]


def test_nobody_to_reach_is_recorded_as_undeliverable(row, clock, run_sweep, orgs):
    Recipient.objects.filter(pk=row.pk).update(handlaggare=None)
    orgs["kun"].email = ""
    orgs["kun"].save()
    clock("2026-12-02")
    run_sweep()
    assert mail.outbox == []
    ledger_row = SentReminder.objects.get()
    assert ledger_row.status == SentReminder.Status.UNDELIVERABLE
    assert "Ingen e-postadress" in ledger_row.last_error


def test_a_muted_remiss_is_not_reminded_but_others_still_are(row, clock, run_sweep, users):
    ReminderMute.objects.create(user=users["handlaggare_a"], remiss=row.remiss)
    ReminderMute.objects.create(user=users["granskare"], remiss=row.remiss)
    clock("2026-12-02")
    run_sweep()
    assert mail.outbox == []  # muted: no fallback to the organisation address
    clock("2026-12-23")
    run_sweep()
    assert [m.to for m in mail.outbox] == [["sekreterare.kultur@stockholm.se"]]


def test_muting_after_the_claim_skips_the_send(row, clock, django_capture_on_commit_callbacks,
                                               users):
    from reminders import ledger
    from reminders.sweep import sweep

    clock("2026-12-02")
    sweep(dispatch=False)
    ReminderMute.objects.create(user=users["handlaggare_a"], remiss=row.remiss)
    assert ledger.deliver(SentReminder.objects.get().pk) == SentReminder.Status.SKIPPED
    assert mail.outbox == []


def test_answered_row_stops(row, clock, run_sweep):
    clock("2026-12-01")
    Recipient.objects.filter(pk=row.pk).update(answered_at=datetime.datetime.now(datetime.UTC))
    assert reschedule(row.pk) is None
    clock("2026-12-02")
    run_sweep()
    assert mail.outbox == []


def test_declined_row_is_not_reminded_even_with_a_stale_cursor(row, clock, run_sweep):
    Recipient.objects.filter(pk=row.pk).update(declined=True)
    clock("2026-12-02")
    result = run_sweep()
    assert mail.outbox == [] and result.stopped == 1
    row.refresh_from_db()
    assert row.next_reminder_at is None


def test_closed_remiss_stops(row, clock, run_sweep):
    row.remiss.status = "avslutad"
    row.remiss.save()
    clock("2026-12-02")
    run_sweep()
    assert mail.outbox == []


def test_claimed_but_answered_before_delivery_is_skipped(row, clock):
    from reminders import ledger
    from reminders.sweep import sweep

    clock("2026-12-02")
    sweep(dispatch=False)
    Recipient.objects.filter(pk=row.pk).update(answered_at=datetime.datetime.now(datetime.UTC))
    assert ledger.deliver(SentReminder.objects.get().pk) == SentReminder.Status.SKIPPED
    assert mail.outbox == []


def test_anstand_moves_the_schedule_and_voids_the_old_claim(row, clock, run_sweep):
    from reminders import ledger
    from reminders.sweep import sweep

    clock("2026-12-11")
    sweep(dispatch=False)  # "3 days before" claimed, not yet delivered
    row.anstand_deadline = datetime.date(2027, 1, 20)
    row.save()
    reschedule(row)
    assert ledger.deliver(SentReminder.objects.get().pk) == SentReminder.Status.SKIPPED
    row.refresh_from_db()
    # 14 days before 2027-01-20 is Trettondedag jul: sent the day before.
    assert row.next_reminder_at.date() == datetime.date(2027, 1, 5)
    for day in ("2026-12-16", "2026-12-23", "2027-01-04"):
        clock(day)
        run_sweep()
    assert mail.outbox == []
    clock("2027-01-05")
    run_sweep()
    assert len(mail.outbox) == 1
    assert "2027-01-20" in mail.outbox[0].body
    clock("2027-01-15")  # 3 days before is a Sunday
    run_sweep()
    assert len(mail.outbox) == 2


def test_a_deadline_already_past_when_sent_gets_one_overdue_reminder_at_once(
        make_remiss, users, clock, run_sweep):
    clock("2026-12-02", "10:00")
    remiss = make_remiss(deadline=datetime.date(2026, 11, 20))
    recipient = remiss.recipients.get()
    reschedule(recipient)
    run_sweep()
    run_sweep()
    assert {m.to[0] for m in mail.outbox} == {"reg.kun@stockholm.se",
                                               "granskare.kultur@stockholm.se",
                                               "sekreterare.kultur@stockholm.se"}
    assert len(mail.outbox) == 3
    recipient.refresh_from_db()
    assert recipient.next_reminder_at.date() == datetime.date(2026, 12, 4)


def test_reschedule_does_not_repeat_a_step_already_sent(row, clock, run_sweep, users):
    clock("2026-12-02")
    run_sweep()
    clock("2026-12-02", "10:00")
    row.handlaggare = users["granskare"]
    row.save()
    reschedule(row)
    row.refresh_from_db()
    assert row.next_reminder_at.date() == datetime.date(2026, 12, 11)
    run_sweep()
    assert len(mail.outbox) == 1


def test_disabled_policy_sends_nothing(row, clock, run_sweep):
    ReminderPolicy.objects.create(enabled=False)
    clock("2026-12-02")
    run_sweep()
    assert mail.outbox == []


def _sweep_queries(clock, run_sweep):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clock("2026-12-23")
    with CaptureQueriesContext(connection) as queries:
        result = run_sweep(dispatch=False)
    return result, len(queries)


def test_sweep_cost_does_not_grow_with_rows(make_remiss, users, clock, run_sweep):
    """A fixed number of queries per batch, whatever is due and whatever is not."""
    clock("2026-11-20", "12:00")
    for _ in range(3):
        reschedule(make_remiss().recipients.get())
    first, few = _sweep_queries(clock, run_sweep)
    clock("2026-11-20", "12:00")
    for _ in range(6):
        reschedule(make_remiss().recipients.get())
    for _ in range(10):  # not due
        reschedule(make_remiss(deadline=datetime.date(2027, 6, 1)).recipients.get())
    second, many = _sweep_queries(clock, run_sweep)
    assert (first.recipients, second.recipients) == (3, 6)
    assert (first.claimed, second.claimed) == (9, 18)
    assert few == many


def test_dry_run_plan_writes_nothing(row, clock):
    clock("2026-12-02")
    planned = plan()
    assert [(p.recipient.pk, p.step.kind) for p in planned] == [(row.pk, "deadline.before14")]
    assert [c.addressee for c in planned[0].claims] == ["handlaggare.kultur@stockholm.se"]
    assert SentReminder.objects.count() == 0
    row.refresh_from_db()
    assert row.next_reminder_at.date() == datetime.date(2026, 12, 2)


def test_reschedule_all_agrees_with_reschedule(row, make_remiss, users, clock, run_sweep):
    from reminders.sweep import reschedule_all

    late = make_remiss(deadline=datetime.date(2026, 11, 20)).recipients.get()
    clock("2026-12-02")
    run_sweep()  # row: 14-day step sent; late: not scheduled yet
    clock("2026-12-02", "10:00")
    assert reschedule_all(chunk=1) == 2
    row.refresh_from_db()
    late.refresh_from_db()
    assert row.next_reminder_at.date() == datetime.date(2026, 12, 11)
    assert late.next_reminder_at.date() == datetime.date(2026, 11, 27)  # due, never sent
    expected = [reschedule(row.pk), reschedule(late.pk)]
    assert [row.next_reminder_at, late.next_reminder_at] == expected
