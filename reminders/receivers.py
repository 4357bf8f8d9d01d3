"""Signal receivers: every change that can move a row's reminders recomputes its cursor.

The signals are sent after commit, so the rows read here are the committed ones.
Rescheduling runs inline: one indexed UPDATE per row, cheaper than a task round trip;
a remiss with many rows goes to a task.
"""

from programs.models import Recipient

from . import sweep

INLINE_LIMIT = 50


def _reschedule_remiss(remiss):
    ids = list(Recipient.objects.filter(remiss=remiss).values_list("pk", flat=True))
    if len(ids) <= INLINE_LIMIT:
        for pk in ids:
            sweep.reschedule(pk)
    else:
        from .tasks import reschedule_task

        reschedule_task.delay(ids)


def on_remiss_sent(sender, remiss, **kwargs):
    _reschedule_remiss(remiss)


def on_remiss_closed(sender, remiss, **kwargs):
    # Nothing more goes out; pending deliveries are skipped by still_due().
    Recipient.objects.filter(remiss=remiss).update(next_reminder_at=None)


def on_recipient_changed(sender, recipient, **kwargs):
    sweep.reschedule(recipient)


def on_utlatande_transitioned(sender, utlatande, **kwargs):
    for pk in utlatande.links.filter(is_active=True).values_list("recipient_id", flat=True):
        sweep.reschedule(pk)
