"""Celery tasks: thin wrappers around sweep.py and ledger.py."""

import logging

from celery import shared_task

from . import ledger, sweep
from .models import SentReminder

log = logging.getLogger(__name__)


@shared_task(name="reminders.sweep", ignore_result=True)
def sweep_task():
    """Beat, every 15 minutes: claim due reminders and queue them."""
    result = sweep.sweep()
    log.info("Reminder sweep: %s due rows, %s reminders claimed, %s re-queued",
             result.recipients, result.claimed, result.requeued)
    return result.claimed


@shared_task(name="reminders.send_digests", ignore_result=True)
def send_digests_task():
    """Beat, hourly: SLK's daily overdue digest (sent once a working day)."""
    return sweep.send_digests()


@shared_task(name="reminders.deliver", ignore_result=True)
def deliver_reminders(pks: list[int]):
    """Send claimed reminders; a failed one is tried again later, alone, with backoff."""
    for pk in pks:
        status = ledger.deliver(pk)
        if status == SentReminder.Status.PENDING:  # failed, attempts left
            attempts = SentReminder.objects.filter(pk=pk).values_list("attempts", flat=True)
            deliver_reminders.apply_async(([pk],), countdown=ledger.backoff(attempts[0]))


@shared_task(name="reminders.reschedule", ignore_result=True)
def reschedule_task(recipient_ids: list[int]):
    from programs.models import Recipient

    return sweep.reschedule_all(Recipient.objects.filter(pk__in=recipient_ids))


@shared_task(name="reminders.reschedule_all", ignore_result=True)
def reschedule_all_task():
    return sweep.reschedule_all()
