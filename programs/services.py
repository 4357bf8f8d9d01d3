"""Changes of a remiss and of its recipients (remissinstanser): one service per change.

HackSoft style: keyword-only, `<entity>_<action>`. Every change that can move where a
recipient stands (its deadline, whether it is awaited, received, declined) ends in
`recipients_changed_on_commit()`: once the transaction commits,
`signals.recipients_changed` is sent once, with every row changed in it, and the
reminders app reschedules those rows. Views call these services and never send the
signal themselves. Sending a remiss and anstånd live in sending.py and anstand.py and
end the same way.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from remiss.uploads import DOCX, ODT, PDF, validate_upload

from . import signals
from .models import ANSWER_SENT_STATE, Recipient, Remiss, RemissStatus

_PENDING = "_programs_recipients_changed"
# What an answer document registered by SLK may be.
ANSWER_DOCUMENT_TYPES = (PDF, DOCX, ODT)


def recipients_changed_on_commit(recipient_ids) -> None:
    """Send signals.recipients_changed once after the current transaction commits.

    Calls within one transaction collect their rows, so a row changed three times is
    rescheduled once. Outside a transaction the signal goes at once.
    """
    ids = set(recipient_ids)
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _send(ids)
        return
    pending = getattr(connection, _PENDING, None)
    # A rolled-back savepoint drops its callbacks: register again when ours is gone.
    if pending is None or not any(callback is pending[1]
                                  for _, callback, _ in connection.run_on_commit):
        collected: set[int] = set()

        def send():
            setattr(connection, _PENDING, None)
            _send(collected)

        pending = (collected, send)
        setattr(connection, _PENDING, pending)
        transaction.on_commit(send)
    pending[0].update(ids)


def _send(ids: set[int]) -> None:
    signals.recipients_changed.send(sender=Recipient, recipient_ids=sorted(ids))


def _all_rows(remiss: Remiss) -> list[int]:
    return list(Recipient.objects.filter(remiss=remiss).values_list("pk", flat=True))


def remiss_update(*, remiss: Remiss, by, organisations=None, documents=()) -> Remiss:
    """Save an edited remiss (fields already set on the instance, e.g. by a ModelForm),
    its recipient list and new documents. A sent remiss's changed remisstid moves the
    reminders of every row that has no anstånd."""
    from .sending import remiss_add_documents, remiss_set_recipients

    with transaction.atomic():
        stored = Remiss.objects.select_for_update().get(pk=remiss.pk)
        if stored.status == RemissStatus.AVSLUTAD:
            raise ValidationError(_("Remissen är avslutad och kan inte ändras."), code="closed")
        remiss.status, remiss.sent_at, remiss.closed_at = (stored.status, stored.sent_at,
                                                           stored.closed_at)
        remiss._history_user = by
        remiss.save()
        if organisations is not None:
            remiss_set_recipients(remiss=remiss, organisations=organisations, by=by)
        remiss_add_documents(remiss=remiss, files=documents or [])
        if stored.deadline != remiss.deadline and remiss.status == RemissStatus.UTSKICKAD:
            recipients_changed_on_commit(_all_rows(remiss))
    return remiss


def remiss_close(*, remiss: Remiss, by) -> Remiss:
    """Close a sent remiss. Answers may still arrive afterwards; they are marked late."""
    remiss = Remiss.objects.select_for_update().get(pk=remiss.pk)
    if remiss.status != RemissStatus.UTSKICKAD:
        raise ValidationError(_("Bara en utskickad remiss kan avslutas."), code="not_open")
    remiss.status = RemissStatus.AVSLUTAD
    remiss.closed_at = timezone.now()
    remiss._change_reason = "Avslutad"
    remiss._history_user = by
    remiss.save()
    recipients_changed_on_commit(_all_rows(remiss))
    return remiss


def remiss_reopen(*, remiss: Remiss, by, reason: str = "") -> Remiss:
    """Open a closed remiss again (SLK closed it too early): rows without an answer are
    awaited (and reminded) again; the history keeps who and why."""
    remiss = Remiss.objects.select_for_update().get(pk=remiss.pk)
    if remiss.status != RemissStatus.AVSLUTAD:
        raise ValidationError(_("Bara en avslutad remiss kan öppnas igen."), code="not_closed")
    remiss.status = RemissStatus.UTSKICKAD
    remiss.closed_at = None
    reason = " ".join(reason.split())
    remiss._change_reason = f"Återöppnad: {reason}"[:100] if reason else "Återöppnad"
    remiss._history_user = by
    remiss.save()
    recipients_changed_on_commit(_all_rows(remiss))
    return remiss


def _locked(recipient: Recipient) -> Recipient:
    return Recipient.objects.select_for_update().select_related("remiss").get(pk=recipient.pk)


def _received_at(received) -> datetime.datetime:
    """A received date as a moment: now for today, else noon of that day (Stockholm).

    Never later than now: "new answers since the last visit" compare moments, and an answer
    stamped at noon today would stay new all morning after SLK marked it read."""
    now = timezone.now()
    if received is None:
        return now
    if not isinstance(received, datetime.datetime):
        if received == timezone.localdate(now):
            return now
        received = timezone.make_aware(datetime.datetime.combine(received, datetime.time(12)))
    if timezone.localdate(received) == timezone.localdate(now):
        return min(received, now)
    return received


def recipient_mark_answered(*, recipient: Recipient, by, at=None, stance: str = "",
                            document=None, url: str = "", archived: bool = False) -> Recipient:
    """The answer has been received by kommunstyrelsen (inkommit); also after closing.

    Called by SLK's "Registrera inkommet" and by the workflow when a nämnd sends its
    answer (besvarad). `at` is a date or datetime (default now): not in the future, not
    before the remiss was sent. For an answer that arrived outside Remiss, SLK may record
    its stance and the answer document (an uploaded file, or a link to it).

    `archived` is for answers imported from the archive (and the demo's history): the date
    is the document's own, so the rules about sending do not apply; the future rule does.
    """
    recipient = _locked(recipient)
    remiss = recipient.remiss
    if remiss.status == RemissStatus.UTKAST and not archived:
        raise ValidationError(_("Remissen är inte utskickad."), code="not_sent")
    if recipient.answered_at is not None:
        raise ValidationError(_("Svaret är redan registrerat som inkommet."),
                              code="already_answered")
    received = _received_at(at)
    if timezone.localdate(received) > timezone.localdate():
        raise ValidationError(_("Datumet då svaret kom in kan inte vara i framtiden."),
                              code="received_in_future")
    sent_on = timezone.localdate(remiss.sent_at) if remiss.sent_at else remiss.remiss_date
    if timezone.localdate(received) < sent_on and not archived:
        raise ValidationError(
            _("Datumet då svaret kom in kan inte vara före utskicket (%(date)s).")
            % {"date": sent_on.isoformat()}, code="received_before_sent")
    content_type = (validate_upload(document, allowed=ANSWER_DOCUMENT_TYPES)
                    if document else "")
    recipient.answered_at = received
    recipient.answer_stance = stance or ""
    recipient.answer_url = url or ""
    if document:
        recipient.answer_file = document
        recipient.answer_content_type = content_type
    recipient._change_reason = "Svar importerat" if archived else "Svar inkommit"
    recipient._history_user = by
    recipient.save()
    recipients_changed_on_commit([recipient.pk])
    return recipient


def recipient_undo_answered(*, recipient: Recipient, by) -> Recipient:
    """Undo a mistaken "Registrera inkommet": the row is awaited again.

    An answer sent through the system (its tjänsteutlåtande is besvarad) stays received.
    The registered file stays in storage: the history row of the registration points at it.
    """
    recipient = _locked(recipient)
    if recipient.answered_at is None:
        raise ValidationError(_("Svaret är inte registrerat som inkommet."),
                              code="not_answered")
    if recipient.links.filter(is_active=True, utlatande__state=ANSWER_SENT_STATE).exists():
        raise ValidationError(_("Svaret skickades till kommunstyrelsen i systemet och kan "
                                "inte ångras här."), code="sent_in_system")
    recipient.answered_at = None
    recipient.answer_file = ""
    recipient.answer_stance = ""
    recipient.answer_url = ""
    recipient.answer_content_type = ""
    recipient._change_reason = "Inkommet ångrat"
    recipient._history_user = by
    recipient.save()
    recipients_changed_on_commit([recipient.pk])
    return recipient


def recipient_decline(*, recipient: Recipient, reason: str, by) -> Recipient:
    """The nämnd avstår från att yttra sig."""
    recipient = _locked(recipient)
    if recipient.remiss.status == RemissStatus.UTKAST:
        raise ValidationError(_("Remissen är inte utskickad."), code="not_sent")
    if recipient.declined or recipient.answered_at:
        raise ValidationError(_("Remissinstansen har redan svarat."), code="answered")
    if not reason.strip():
        raise ValidationError(_("Ange skälet att avstå."), code="no_reason")
    recipient.declined = True
    recipient.declined_reason = reason.strip()
    recipient._change_reason = "Avstår"
    recipient._history_user = by
    recipient.save()
    recipients_changed_on_commit([recipient.pk])
    return recipient
