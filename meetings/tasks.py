"""Celery tasks of the meetings app (thin wrappers)."""

from celery import shared_task

from .milestone_reminders import send_milestone_reminders


@shared_task(name="meetings.milestone_reminders", ignore_result=True)
def milestone_reminders_task():
    """Beat, hourly: claim the milestone reminders due today (the ledger dedupes)."""
    return send_milestone_reminders()
