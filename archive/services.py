"""Writes of the archive app: signing a justerat protokollsutdrag, one justerare at a time.

Called by meetings where a paragraph is justerad. The PDF/A is rendered once, at the first
signature; every later signature is an incremental update of the stored bytes, so the
document of record never changes underneath an earlier signature.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from meetings.models import Arende
from meetings.pdf import render_utdrag_pdf

from .justerare import parse_justerare
from .models import DocumentSignature, SignedDocument
from .signers import SignatureRequest, get_signer

logger = logging.getLogger(__name__)


def _store(document: SignedDocument, data: bytes, revision: int) -> None:
    """Save the new revision; the previous file (a prefix of it) goes once this commits."""
    previous = document.pdf.name if document.pk else ""
    name = f"protokollsutdrag-{document.arende_id}-r{revision}.pdf"
    document.pdf.save(name, ContentFile(data), save=False)
    document.sha256 = hashlib.sha256(data).hexdigest()
    document.save()
    if previous:
        storage = document.pdf.storage
        transaction.on_commit(lambda: storage.delete(previous))


def _reason(arende: Arende, role: str) -> str:
    meeting = arende.meeting
    return (f"{role}: justering av protokoll {meeting.organisation} "
            f"{meeting.date:%Y-%m-%d} § {arende.paragraph}")


def sign_protokollsutdrag(*, arende: Arende, signer_name: str, role: str,
                          by=None) -> SignedDocument | None:
    """Add one justerare's signature to the paragraph's protokollsutdrag.

    Returns the stored document, or None when no signer backend is configured (then the
    justering is recorded without a digital signature, as before). A justerare who has
    signed already is not signed twice. Raises signers.SigningError.
    """
    signer = get_signer()
    if not signer.is_configured():
        logger.warning("No signer configured: § %s justerad without signature", arende.pk)
        return None
    with transaction.atomic():
        # The paragraph row serialises the justerare: each appends to the newest revision.
        Arende.objects.select_for_update().get(pk=arende.pk)
        document = SignedDocument.objects.filter(arende=arende).first()
        if document is None:
            document = SignedDocument(arende=arende)
            data = render_utdrag_pdf(arende)
        elif document.signatures.filter(signer_name=signer_name).exists():
            return document
        else:
            data = document.read()
        revision = document.signatures.count() + 1 if document.pk else 1
        request = SignatureRequest(field_name=f"Justering{revision}", signer_name=signer_name,
                                   role=role, reason=_reason(arende, role),
                                   location=str(arende.meeting.organisation))
        signed = signer.sign(data, request)
        _store(document, signed, revision)
        DocumentSignature.objects.create(
            document=document, field_name=request.field_name, signer_name=signer_name,
            role=role, backend=signer.name, signed_at=timezone.now(), recorded_by=by)
    return document


def sign_justering(*, arenden, justerare: str, by=None) -> list[SignedDocument]:
    """One signature per justerare named at the justering, on each paragraph's utdrag."""
    documents = []
    people = parse_justerare(justerare)
    for arende in arenden:
        document = None
        for name, role in people:
            document = sign_protokollsutdrag(arende=arende, signer_name=name, role=role, by=by)
        if document is not None:
            documents.append(document)
    return documents


def stored_protokollsutdrag(arende: Arende) -> bytes | None:
    """The signed bytes of record for a paragraph, when it has been signed."""
    document = SignedDocument.objects.filter(arende=arende).first()
    return document.read() if document else None


def protokollsutdrag_pdf(arende: Arende) -> bytes:
    """The protokollsutdrag of a justerad paragraph: the signed bytes of record, or (where
    no signer is configured) the PDF/A rendered from the paragraph."""
    return stored_protokollsutdrag(arende) or render_utdrag_pdf(arende)


def earkiv_year_export_create(*, year: int, by=None):
    """Queue the e-arkiv packages of the year's closed remisser (one SIP each, one zip)."""
    from programs.models import Remiss, RemissStatus

    from .models import EarkivExport
    from .tasks import run_earkiv_export

    total = Remiss.objects.filter(status=RemissStatus.AVSLUTAD, closed_at__year=year).count()
    export = EarkivExport.objects.create(year=year, total=total, created_by=by)
    transaction.on_commit(lambda: run_earkiv_export.delay(export.pk))
    return export
