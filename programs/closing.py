"""Closing (and reopening) a remiss, and recording what recipients do: the answer
arrives (and, when registered by mistake, is undone), or they decline."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from remiss.uploads import DOCX, ODT, PDF, validate_upload

from . import signals
from .models import Recipient, Remiss, RemissStatus

# What an answer document registered by SLK may be.
ANSWER_DOCUMENT_TYPES = (PDF, DOCX, ODT)


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


def remiss_reopen(*, remiss: Remiss, by, reason: str = "") -> Remiss:
    """Open a closed remiss again (SLK closed it too early); the history keeps who and why."""
    remiss = Remiss.objects.select_for_update().get(pk=remiss.pk)
    if remiss.status != RemissStatus.AVSLUTAD:
        raise ValidationError(_("Bara en avslutad remiss kan öppnas igen."), code="not_closed")
    remiss.status = RemissStatus.UTSKICKAD
    remiss.closed_at = None
    reason = " ".join(reason.split())
    remiss._change_reason = f"Återöppnad: {reason}"[:100] if reason else "Återöppnad"
    remiss.save()
    # The recipients that have not answered are tracked (and reminded) again.
    for recipient in remiss.recipients.filter(answered_at__isnull=True, declined=False):
        _recipient_changed(recipient)
    return remiss


def _received_at(received) -> datetime.datetime:
    """A received date as a moment: now for today, else noon of that day (Stockholm)."""
    if received is None or isinstance(received, datetime.datetime):
        return received or timezone.now()
    if received == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(received, datetime.time(12)))


def recipient_mark_answered(*, recipient: Recipient, by, at=None, stance: str = "",
                            document=None, url: str = "") -> Recipient:
    """The answer has been received by kommunstyrelsen (inkommit); also after closing.

    `at` is a date or datetime (default now). SLK may record the stance and the answer
    document (an uploaded file, or a link to it) of an answer that arrived outside Remiss.
    """
    recipient = Recipient.objects.select_for_update().select_related("remiss").get(
        pk=recipient.pk)
    remiss = recipient.remiss
    if remiss.status == RemissStatus.UTKAST:
        raise ValidationError(_("Remissen är inte utskickad."), code="not_sent")
    if recipient.answered_at is not None:
        raise ValidationError(_("Svaret är redan registrerat som inkommet."),
                              code="already_answered")
    received = _received_at(at)
    sent_on = timezone.localdate(remiss.sent_at) if remiss.sent_at else remiss.remiss_date
    if timezone.localdate(received) > timezone.localdate():
        raise ValidationError(_("Datumet då svaret kom in kan inte vara i framtiden."),
                              code="received_in_future")
    if timezone.localdate(received) < sent_on:
        raise ValidationError(
            _("Datumet då svaret kom in kan inte vara före utskicket (%(date)s).")
            % {"date": sent_on.isoformat()}, code="received_before_sent")
    content_type = validate_upload(document, allowed=ANSWER_DOCUMENT_TYPES) if document else ""
    recipient.answered_at = received
    recipient.answer_stance = stance or ""
    recipient.answer_url = url or ""
    if document:
        recipient.answer_file = document
        recipient.answer_content_type = content_type
    recipient._change_reason = "Svar inkommit"
    recipient.save()
    _recipient_changed(recipient)
    return recipient


def recipient_unmark_answered(*, recipient: Recipient, by) -> Recipient:
    """Undo "Registrera inkommet": the answer counts as not received again.

    An answer that reached besvarad inside Remiss arrived through its workflow; that is
    not undone here.
    """
    recipient = Recipient.objects.select_for_update().select_related("remiss").get(
        pk=recipient.pk)
    if recipient.answered_at is None:
        raise ValidationError(_("Svaret är inte registrerat som inkommet."),
                              code="not_answered")
    if recipient.links.filter(is_active=True, utlatande__state="besvarad").exists():
        raise ValidationError(_("Svaret kom in genom Remiss och kan inte ångras här."),
                              code="answered_in_remiss")
    # The file stays in storage: the history row of the registration still points at it.
    recipient.answered_at = None
    recipient.answer_file = ""
    recipient.answer_stance = ""
    recipient.answer_url = ""
    recipient.answer_content_type = ""
    recipient._change_reason = "Inkommet ångrat"
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
