"""Writing a remiss: its recipients and documents, sending it, notifying recipients."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from remiss.uploads import DOCX, EXTENSIONS, ODT, PDF, XLSX, validate_upload

from .models import Recipient, Remiss, RemissDocument, RemissStatus
from .remisstid import validate_remisstid
from .services import recipients_changed_on_commit

logger = logging.getLogger(__name__)

DOCUMENT_TYPES = (PDF, DOCX, ODT, XLSX)
# Attach the documents to the notification when they are this small together; else link.
MAX_ATTACHED_BYTES = 10 * 1024 * 1024


def _queue_notifications(remiss: Remiss) -> None:
    from .tasks import notify_recipients

    transaction.on_commit(lambda: notify_recipients.delay(remiss.pk))


def remiss_set_recipients(*, remiss: Remiss, organisations, by) -> list[Recipient]:
    """Make the recipient list equal to `organisations`; after sending only additions.

    Returns the recipients that were added. Added recipients of a sent remiss are notified.
    """
    wanted = {org.pk: org for org in organisations}
    existing = {r.organisation_id: r for r in remiss.recipients.all()}
    removed = [r for org_id, r in existing.items() if org_id not in wanted]
    if removed and remiss.status != RemissStatus.UTKAST:
        raise ValidationError(
            _("Remissinstanser kan inte tas bort när remissen är utskickad: %(names)s.")
            % {"names": ", ".join(str(r.organisation) for r in removed)},
            code="recipient_removed_after_send")
    for recipient in removed:
        recipient.delete()
    added = [Recipient.objects.create(remiss=remiss, organisation=org)
             for org_id, org in wanted.items() if org_id not in existing]
    if added and remiss.status == RemissStatus.UTSKICKAD:
        recipients_changed_on_commit(r.pk for r in added)
        _queue_notifications(remiss)
    return added


def remiss_create(*, remiss: Remiss, organisations, documents=(), by) -> Remiss:
    """Save a new remiss (an utkast, fields set on the instance) with its recipients and
    documents, in one transaction."""
    with transaction.atomic():
        remiss.sender = by.organisation
        remiss.created_by = by
        remiss._history_user = by
        remiss.save()
        remiss_set_recipients(remiss=remiss, organisations=organisations, by=by)
        remiss_add_documents(remiss=remiss, files=documents or [])
    return remiss


def remiss_add_documents(*, remiss: Remiss, files) -> list[RemissDocument]:
    """Store uploaded remitted documents after checking their real type."""
    checked = [(upload, validate_upload(upload, allowed=DOCUMENT_TYPES)) for upload in files]
    start = (remiss.documents.order_by("-order").values_list("order", flat=True).first() or 0)
    documents = []
    for offset, (upload, content_type) in enumerate(checked, start=1):
        title = upload.name.rsplit(".", 1)[0].replace("_", " ").strip() or upload.name
        documents.append(RemissDocument.objects.create(
            remiss=remiss, title=title[:300], file=upload, content_type=content_type,
            size=upload.size, order=start + offset))
    return documents


def remiss_send(*, remiss: Remiss, by) -> Remiss:
    """Send an utkast: it becomes utskickad and every recipient is notified once."""
    remiss = Remiss.objects.select_for_update().get(pk=remiss.pk)
    if remiss.status != RemissStatus.UTKAST:
        raise ValidationError(_("Remissen är redan utskickad."), code="already_sent")
    if not remiss.recipients.exists():
        raise ValidationError(_("Remissen har inga remissinstanser. Välj minst en "
                                "organisation innan du skickar."), code="no_recipients")
    validate_remisstid(remiss.deadline, remiss_date=remiss.remiss_date)
    remiss.status = RemissStatus.UTSKICKAD
    remiss.sent_at = timezone.now()
    remiss._change_reason = "Utskickad"
    remiss.save()
    _queue_notifications(remiss)
    recipients_changed_on_commit(remiss.recipients.values_list("pk", flat=True))
    return remiss


def _recipient_addresses(recipient: Recipient) -> list[str]:
    """The organisation's funktionsbrevlåda, else its users' addresses, plus the handläggare."""
    org = recipient.organisation
    addresses = [org.email] if org.email else [
        u.email for u in org.users.filter(is_active=True).exclude(email="")]
    if recipient.handlaggare and recipient.handlaggare.email:
        addresses.append(recipient.handlaggare.email)
    return list(dict.fromkeys(addresses))


def recipient_addresses(recipient: Recipient) -> list[str]:
    """Where the notification of this recipient goes (shown before sending)."""
    return _recipient_addresses(recipient)


def _notification_parts(recipient: Recipient) -> tuple[str, str, list, bool]:
    """Subject, body, documents and whether they are attached, for one recipient."""
    remiss = recipient.remiss
    documents = list(remiss.documents.all())
    attach = sum(d.size for d in documents) <= MAX_ATTACHED_BYTES
    context = {
        "remiss": remiss, "recipient": recipient, "documents": documents, "attached": attach,
        "remiss_url": settings.SITE_URL + reverse("programs:remiss_detail", args=[remiss.pk]),
        "document_links": [
            (d, settings.SITE_URL + reverse("programs:document_download", args=[remiss.pk, d.pk]))
            for d in documents],
    }
    subject = render_to_string("email/programs/remiss_sent_subject.txt", context).strip()
    body = render_to_string("email/programs/remiss_sent.txt", context)
    return " ".join(subject.split()), body, documents, attach


def notification_preview(recipient: Recipient) -> dict:
    """The mail a recipient will get, to show before sending (nothing is read from files)."""
    subject, body, documents, attach = _notification_parts(recipient)
    return {"subject": subject, "body": body, "to": _recipient_addresses(recipient),
            "attachments": [d.title for d in documents] if attach else []}


def notification_message(recipient: Recipient) -> EmailMessage:
    subject, body, documents, attach = _notification_parts(recipient)
    message = EmailMessage(subject=subject, body=body, to=_recipient_addresses(recipient))
    if attach:
        for document in documents:
            if document.file:
                extension = EXTENSIONS.get(document.content_type, "")
                with document.file.open("rb") as handle:
                    message.attach(f"{document.title}{extension}", handle.read(),
                                   document.content_type or None)
    return message


def notify_recipient(recipient_id: int) -> bool:
    """Notify one recipient unless already done; returns whether a mail was sent.

    The row is claimed with a conditional update first, so a retried or duplicated task
    never mails twice; if sending fails the claim is released for the retry.
    """
    claimed_at = timezone.now()
    claimed = Recipient.objects.filter(pk=recipient_id, notified_at__isnull=True,
                                       remiss__status=RemissStatus.UTSKICKAD
                                       ).update(notified_at=claimed_at)
    if claimed != 1:
        return False
    recipient = Recipient.objects.select_related(
        "remiss", "organisation", "handlaggare").get(pk=recipient_id)
    message = notification_message(recipient)
    if not message.to:
        logger.warning("Remissinstans %s saknar e-postadress; ingen underrättelse skickad.",
                       recipient)
        return False
    try:
        message.send()
    except Exception:
        Recipient.objects.filter(pk=recipient_id, notified_at=claimed_at).update(
            notified_at=None)
        raise
    return True


def notify_pending_recipients(remiss_id: int) -> int:
    """Notify every recipient of a sent remiss not notified yet; returns the mails sent."""
    pending = Recipient.objects.filter(remiss_id=remiss_id, notified_at__isnull=True,
                                       remiss__status=RemissStatus.UTSKICKAD)
    return sum(notify_recipient(pk) for pk in pending.values_list("pk", flat=True))
