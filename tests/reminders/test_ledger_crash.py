"""SMTP runs outside the transaction: a delivery killed between taking a row and sending.

A real process (python, this test database) takes a claimed ledger row and is killed
(SIGKILL) at the moment it would hand the mail to the mail server. The row stays pending
and taken; nothing else may send it until the lease runs out; then the sweep queues it
again and it is sent exactly once, with the Message-ID it always had.
"""

import datetime
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from reminders import ledger, schedule
from reminders.deadlines import claims_for
from reminders.models import SentReminder

from .test_celery_e2e import database_url

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)

KILLED_AT_SEND = textwrap.dedent("""
    import os, signal, sys
    from unittest import mock
    import django
    django.setup()
    from reminders import ledger

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    with mock.patch("django.core.mail.EmailMessage.send", die):
        ledger.deliver(int(sys.argv[1]))
""")


@pytest.fixture
def claimed(make_remiss, users):
    remiss = make_remiss(deadline=timezone.localdate() + datetime.timedelta(days=20))
    recipient = remiss.recipients.get()
    recipient.handlaggare = users["handlaggare_a"]
    recipient.save()
    step = next(schedule.iter_steps(remiss.deadline, mock.Mock(
        days_before_list=[14], on_deadline_day=False, repeat_after_days=0, send_hour=8)))
    with transaction.atomic():
        row, = ledger.claim(claims_for(recipient, step), dispatch=False)
    return row


def test_a_delivery_killed_between_taking_the_row_and_sending_is_sent_once_later(claimed):
    env = {**os.environ, "DATABASE_URL": database_url(),
           "DJANGO_SETTINGS_MODULE": "remiss.settings"}
    process = subprocess.run([sys.executable, "-c", KILLED_AT_SEND, str(claimed.pk)],
                             cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()[-2000:]

    # The take was committed before the send: the row is pending and taken, not sent.
    row = SentReminder.objects.get(pk=claimed.pk)
    assert row.status == SentReminder.Status.PENDING and row.sending_since is not None
    assert row.sent_at is None and row.attempts == 0

    # While the lease runs, no other delivery (a duplicate task) may take it.
    assert ledger.deliver(row.pk) is None
    assert mail.outbox == []
    later = row.sending_since + ledger.LEASE + ledger.STALE_AFTER
    with mock.patch.object(ledger, "queue_delivery") as queued:
        assert ledger.requeue_stale(row.sending_since + datetime.timedelta(minutes=1)) == 0
        assert ledger.requeue_stale(later) == 1
    queued.assert_called_once_with([row.pk])

    # The re-queued delivery sends it, once, with the stable Message-ID.
    assert ledger.deliver(row.pk, now=later) == SentReminder.Status.SENT
    assert ledger.deliver(row.pk, now=later) is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == ledger.message_id(row)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.sending_since) == (SentReminder.Status.SENT, 1, None)


def test_no_transaction_is_open_while_the_mail_server_is_talked_to(claimed):
    seen = []

    def send(message, *args, **kwargs):
        seen.append(connection.in_atomic_block)
        return 1

    with mock.patch("django.core.mail.EmailMessage.send", send):
        assert ledger.deliver(claimed.pk) == SentReminder.Status.SENT
    assert seen == [False]
