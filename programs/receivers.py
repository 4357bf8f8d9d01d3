"""Listeners: a tjänsteutlåtande that reaches besvarad has arrived at kommunstyrelsen."""

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from responses.models import State
from responses.signals import utlatande_transitioned

from . import signals
from .models import Recipient


@receiver(utlatande_transitioned, dispatch_uid="programs-answer-arrived")
def mark_recipients_answered(sender, utlatande, to_state, **kwargs):
    """Record answered_at (inkommit) on the recipients of a besvarad answer, once."""
    if to_state != State.BESVARAD:
        return
    with transaction.atomic():
        recipients = list(Recipient.objects.select_for_update().filter(
            links__utlatande=utlatande, links__is_active=True, answered_at__isnull=True))
        for recipient in recipients:
            recipient.answered_at = timezone.now()
            recipient._change_reason = "Svar inkommit"
            recipient.save()
            transaction.on_commit(
                lambda r=recipient: signals.recipient_changed.send(sender=Recipient,
                                                                    recipient=r))
