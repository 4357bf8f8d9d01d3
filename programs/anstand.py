"""Anstånd: a recipient asks for a later deadline, stadsledningskontoret decides."""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AnstandRequest, AnstandStatus, Recipient, RemissStatus
from .services import recipients_changed_on_commit


def _queue_decision_mail(request: AnstandRequest) -> None:
    from .tasks import notify_anstand_decision

    transaction.on_commit(lambda: notify_anstand_decision.delay(request.pk))


def anstand_request(*, recipient: Recipient, deadline: datetime.date, reason: str,
                    by) -> AnstandRequest:
    """Record a request; the deadline must be later than the one that applies now."""
    recipient = Recipient.objects.select_for_update().select_related("remiss").get(
        pk=recipient.pk)
    if recipient.remiss.status != RemissStatus.UTSKICKAD:
        raise ValidationError(_("Remissen är inte öppen för anstånd."), code="not_open")
    if recipient.is_received or recipient.declined:
        raise ValidationError(_("Remissinstansen har redan svarat."), code="answered")
    current = recipient.effective_deadline
    if deadline <= current:
        raise ValidationError(
            _("Anståndet måste gälla en senare dag än nuvarande remisstid %(date)s.")
            % {"date": current.isoformat()}, code="anstand_not_later")
    if not reason.strip():
        raise ValidationError(_("Ange skälet till att ni behöver anstånd."), code="no_reason")
    if recipient.anstand_requests.filter(status=AnstandStatus.BEGARD).exists():
        raise ValidationError(_("Det finns redan en obesvarad begäran om anstånd."),
                              code="anstand_pending")
    return AnstandRequest.objects.create(recipient=recipient, requested_deadline=deadline,
                                         reason=reason.strip(), requested_by=by,
                                         previous_deadline=current)


def _pending(request: AnstandRequest) -> AnstandRequest:
    request = AnstandRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_pending:
        raise ValidationError(_("Begäran är redan besvarad."), code="already_decided")
    return request


def anstand_grant(*, request: AnstandRequest, by, deadline: datetime.date | None = None,
                  comment: str = "") -> AnstandRequest:
    """Grant (possibly a different date than asked); the recipient's deadline moves."""
    request = _pending(request)
    recipient = Recipient.objects.select_for_update().select_related("remiss").get(
        pk=request.recipient_id)
    deadline = deadline or request.requested_deadline
    if deadline <= recipient.effective_deadline:
        raise ValidationError(
            _("Anståndet måste gälla en senare dag än nuvarande remisstid %(date)s.")
            % {"date": recipient.effective_deadline.isoformat()}, code="anstand_not_later")
    request.status = AnstandStatus.BEVILJAD
    request.granted_deadline = deadline
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_comment = comment.strip()
    request.save()
    recipient.anstand_deadline = deadline
    recipient.anstand_reason = request.reason
    recipient._change_reason = f"Anstånd beviljat till {deadline.isoformat()}"
    recipient.save()
    recipients_changed_on_commit([recipient.pk])
    _queue_decision_mail(request)
    return request


def anstand_refuse(*, request: AnstandRequest, by, comment: str) -> AnstandRequest:
    request = _pending(request)
    if not comment.strip():
        raise ValidationError(_("Motivera varför anståndet inte beviljas."), code="no_comment")
    request.status = AnstandStatus.AVSLAGEN
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_comment = comment.strip()
    request.save()
    _queue_decision_mail(request)
    return request


def send_decision_mail(request_id: int) -> bool:
    request = AnstandRequest.objects.select_related(
        "recipient__remiss", "recipient__organisation", "requested_by").get(pk=request_id)
    to = [request.requested_by.email] if request.requested_by.email else []
    if not to or request.is_pending:
        return False
    context = {"request": request, "recipient": request.recipient,
               "remiss": request.recipient.remiss}
    subject = render_to_string("email/programs/anstand_decision_subject.txt", context)
    body = render_to_string("email/programs/anstand_decision.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=to).send()
    return True
