"""Closing a remiss, and recording what recipients do: answer arrives, or they decline."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import signals
from .models import Recipient, Remiss, RemissStatus


def _recipient_changed(recipient: Recipient) -> None:
    transaction.on_commit(
        lambda: signals.recipient_changed.send(sender=Recipient, recipient=recipient))


def remiss_close(*, remiss: Remiss, by) -> Remiss:
    """Close a sent remiss. Answers may still arrive afterwards; they are marked late."""
    remiss = Remiss.objects.select_for_update().get(pk=remiss.pk)
    if remiss.status != RemissStatus.UTSKICKAD:
        raise ValidationError(_("Bara en utskickad remiss kan avslutas."), code="not_open")
    remiss.status = RemissStatus.AVSLUTAD
    remiss.closed_at = timezone.now()
    remiss._change_reason = "Avslutad"
    remiss.save()
    transaction.on_commit(lambda: signals.remiss_closed.send(sender=Remiss, remiss=remiss))
    return remiss


def recipient_mark_answered(*, recipient: Recipient, by, at=None) -> Recipient:
    """The answer has been received by kommunstyrelsen (inkommit); also after closing."""
    recipient = Recipient.objects.select_for_update().select_related("remiss").get(
        pk=recipient.pk)
    if recipient.remiss.status == RemissStatus.UTKAST:
        raise ValidationError(_("Remissen är inte utskickad."), code="not_sent")
    if recipient.answered_at is not None:
        raise ValidationError(_("Svaret är redan registrerat som inkommet."),
                              code="already_answered")
    recipient.answered_at = at or timezone.now()
    recipient._change_reason = "Svar inkommit"
    recipient.save()
    _recipient_changed(recipient)
    return recipient


def recipient_decline(*, recipient: Recipient, reason: str, by) -> Recipient:
    """The nämnd avstår från att yttra sig."""
    recipient = Recipient.objects.select_for_update().select_related("remiss").get(
        pk=recipient.pk)
    if recipient.remiss.status == RemissStatus.UTKAST:
        raise ValidationError(_("Remissen är inte utskickad."), code="not_sent")
    if recipient.declined or recipient.answered_at:
        raise ValidationError(_("Remissinstansen har redan svarat."), code="answered")
    if not reason.strip():
        raise ValidationError(_("Ange skälet att avstå."), code="no_reason")
    recipient.declined = True
    recipient.declined_reason = reason.strip()
    recipient._change_reason = "Avstår"
    recipient.save()
    _recipient_changed(recipient)
    return recipient
