"""The ledger: exactly-once claims, SMTP failure with retry and backoff, re-queueing."""

import datetime
import smtplib
import threading
from unittest import mock

import pytest
from django.core import mail
from django.db import connection

from reminders import ledger
from reminders.models import SentReminder
from reminders.sweep import sweep

from .conftest import at

pytestmark = pytest.mark.django_db


def smtp_down(*args, **kwargs):
    raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_send_once_claims_a_key_only_once(row, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = ledger.send_once(kind="deadline.before14", target=row,
                                 occasion=datetime.date(2026, 12, 2),
                                 addressee="Handlaggare.Kultur@stockholm.se")
        again = ledger.send_once(kind="deadline.before14", target=row,
                                 occasion=datetime.date(2026, 12, 2),
                                 addressee="handlaggare.kultur@stockholm.se")
    assert first is not None and again is None
    assert len(mail.outbox) == 1
    assert SentReminder.objects.get().addressee == "handlaggare.kultur@stockholm.se"


def test_other_apps_register_their_own_kind(row, orgs, django_capture_on_commit_callbacks):
    from django.core.mail import EmailMessage

    ledger.register("testkind", build=lambda r: EmailMessage(subject="Justering i morgon",
                                                             body="Hej"),
                    still_due=lambda r: True)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            ledger.send_once(kind="testkind.justering", target=orgs["kun"],
                             occasion=datetime.date(2026, 12, 2), addressee="a@stockholm.se")
    assert [(m.subject, m.to) for m in mail.outbox] == [("Justering i morgon",
                                                         ["a@stockholm.se"])]


def test_smtp_failure_is_retried_with_backoff_then_sent(row, clock):
    now = clock("2026-12-02")
    sweep(dispatch=False)
    pk = SentReminder.objects.get().pk
    with mock.patch("django.core.mail.EmailMessage.send", smtp_down):
        assert ledger.deliver(pk, now=now) == SentReminder.Status.PENDING
    failed = SentReminder.objects.get()
    assert failed.attempts == 1
    assert "SMTPServerDisconnected" in failed.last_error
    assert failed.next_attempt_at == now + datetime.timedelta(seconds=60)
    assert ledger.deliver(pk) == SentReminder.Status.SENT
    assert len(mail.outbox) == 1
    assert SentReminder.objects.get().attempts == 2


def test_a_resend_after_a_crash_carries_the_same_message_id(row, clock, settings):
    settings.DEFAULT_FROM_EMAIL = "Remiss <remiss@stockholm.se>"
    clock("2026-12-02")
    sweep(dispatch=False)
    sent = SentReminder.objects.get()
    assert ledger.deliver(sent.pk) == SentReminder.Status.SENT
    # The worker died after SMTP accepted the mail but before the commit: the row is
    # still pending, and the retry sends again.
    SentReminder.objects.filter(pk=sent.pk).update(status=SentReminder.Status.PENDING)
    assert ledger.deliver(sent.pk) == SentReminder.Status.SENT
    ids = [m.message()["Message-ID"] for m in mail.outbox]
    assert ids[0] == ids[1] == f"<paminnelse-{sent.pk}.{sent.claim}@stockholm.se>"


def test_smtp_failure_ends_as_failed_and_admin_can_retry(row, clock,
                                                         django_capture_on_commit_callbacks):
    clock("2026-12-02")
    sweep(dispatch=False)
    pk = SentReminder.objects.get().pk
    with mock.patch("django.core.mail.EmailMessage.send", smtp_down):
        for _ in range(ledger.MAX_ATTEMPTS):
            status = ledger.deliver(pk)
    assert status == SentReminder.Status.FAILED
    assert ledger.deliver(pk) is None  # failed rows are not sent by accident
    with django_capture_on_commit_callbacks(execute=True):
        assert ledger.retry(SentReminder.objects.all()) == 1
    assert SentReminder.objects.get().status == SentReminder.Status.SENT
    assert len(mail.outbox) == 1


def test_the_task_retries_a_failed_send_with_a_countdown(row, clock):
    from reminders import tasks

    clock("2026-12-02")
    sweep(dispatch=False)
    pk = SentReminder.objects.get().pk
    with mock.patch("django.core.mail.EmailMessage.send", smtp_down), \
            mock.patch.object(tasks.deliver_reminders, "apply_async") as later:
        tasks.deliver_reminders([pk])
    later.assert_called_once_with(([pk],), countdown=60)


def test_a_lost_delivery_is_queued_again_by_the_sweep(row, clock, run_sweep):
    clock("2026-12-02")
    sweep(dispatch=False)  # claimed, but the task never ran (worker crash, broker down)
    clock("2026-12-02", "08:10")
    run_sweep()
    assert mail.outbox == []  # not stale yet
    clock("2026-12-02", "08:20")
    result = run_sweep()
    assert result.requeued == 1
    assert len(mail.outbox) == 1
    clock("2026-12-02", "09:00")
    run_sweep()
    assert len(mail.outbox) == 1


def test_admin_lists_sent_reminders(row, clock, run_sweep, client, users):
    clock("2026-12-02")
    run_sweep()
    client.force_login(users["admin"])
    response = client.get("/admin/reminders/sentreminder/")
    assert response.status_code == 200
    assert "handlaggare.kultur@stockholm.se" in response.content.decode()
    assert client.get("/admin/reminders/reminderpolicy/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_send_each_reminder_once(make_remiss, users, orgs):
    """Two sweeps at the same moment on PostgreSQL, in two connections."""
    import time_machine

    from reminders.sweep import reschedule

    with time_machine.travel(at("2026-11-20", "12:00"), tick=False):
        for _ in range(30):
            remiss = make_remiss(orgs_short=("kun", "rik"))
            for recipient in remiss.recipients.all():
                reschedule(recipient)
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            with time_machine.travel(at("2026-12-23"), tick=False):
                barrier.wait()
                sweep(batch_size=7)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    from remiss.celery import app as celery_app
    assert celery_app.conf.task_always_eager
    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    # 30 Kultur rows to handläggare-less org address + granskare + sekreterare; 30 Rinkeby.
    assert SentReminder.objects.count() == 30 * 3 + 30
    assert SentReminder.objects.filter(status=SentReminder.Status.SENT).count() == 120
    keys = [(m.to[0], m.subject) for m in mail.outbox]
    assert len(keys) == 120 and len(set(keys)) == 120


def test_changing_the_policy_in_admin_reschedules_open_rows(row, client, users, clock,
                                                            django_capture_on_commit_callbacks):
    from reminders.models import ReminderPolicy

    clock("2026-11-20", "12:00")
    client.force_login(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/reminders/reminderpolicy/add/", {
            "days_before": "10", "on_deadline_day": "on", "repeat_after_days": "7",
            "send_hour": "9", "digest_hour": "7", "enabled": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ReminderPolicy.current().days_before_list == [10]
    row.refresh_from_db()
    assert row.next_reminder_at == at("2026-12-04", "09:00")  # 12-06 is a Sunday


def test_admin_rejects_a_bad_policy(client, users):
    client.force_login(users["admin"])
    response = client.post("/admin/reminders/reminderpolicy/add/", {
        "days_before": "fjorton", "repeat_after_days": "7", "send_hour": "25",
        "digest_hour": "7"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ange hela dagar större än noll" in page and "mellan 0 och 23" in page
