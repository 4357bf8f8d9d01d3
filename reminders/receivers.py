"""Signal receivers: rows whose standing changed get their reminder cursor recomputed.

programs.services sends recipients_changed once per committed transaction, so the rows
read here are the committed ones. Rescheduling runs inline (a few queries for the lot);
many rows (a remiss to every nämnd) go to a task.
"""

from programs.models import Recipient

from . import sweep

INLINE_LIMIT = 50


def on_recipients_changed(sender, recipient_ids, **kwargs):
    if len(recipient_ids) <= INLINE_LIMIT:
        sweep.reschedule_all(Recipient.objects.filter(pk__in=recipient_ids))
    else:
        from .tasks import reschedule_task

        reschedule_task.delay(list(recipient_ids))
