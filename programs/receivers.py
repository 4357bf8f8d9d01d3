"""Listeners: a tjänsteutlåtande that reaches besvarad has arrived at kommunstyrelsen."""

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from responses.models import State
from responses.signals import utlatande_transitioned

from . import signals
from .models import Recipient


@receiver(utlatande_transitioned, dispatch_uid="programs-answer-arrived")
def answer_arrived(sender, utlatande, to_state, **kwargs):
    """Tell the recipient listeners (reminders) that these recipients have answered.

    responses.workflow records answered_at itself; set it here only if it is still
    missing (an answer moved to besvarad by other means).
    """
    if to_state != State.BESVARAD:
        return
    with transaction.atomic():
        recipients = list(Recipient.objects.select_for_update().filter(
            links__utlatande=utlatande, links__is_active=True))
        for recipient in recipients:
            if recipient.answered_at is None:
                recipient.answered_at = timezone.now()
                recipient._change_reason = "Svar inkommit"
                recipient.save()
            transaction.on_commit(
                lambda r=recipient: signals.recipient_changed.send(sender=Recipient,
                                                                    recipient=r))
