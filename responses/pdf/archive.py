"""The archived final PDF: rendered once at justering, then served byte for byte.

A re-render could differ (fonts, template, code changes), so the archived bytes and
their SHA-256 are the document of record; nothing here ever overwrites them.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from responses.models import LOCKED_STATES, Utlatande

from .render import render_pdf


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_name(utlatande: Utlatande) -> str:
    return f"utlatande-{utlatande.pk}-v{utlatande.version}.pdf"


def archive_final_pdf(utlatande: Utlatande) -> Utlatande:
    """Render and store the PDF/A of a justerad document unless it is archived already.

    The row is claimed with a conditional UPDATE (archived_sha256 still empty), so two
    workers racing at justering archive it once; the loser removes its file.
    Returns the utlåtande as stored.
    """
    if utlatande.archived_sha256:
        return utlatande
    if utlatande.state not in LOCKED_STATES:
        raise ValueError("Bara ett justerat tjänsteutlåtande arkiveras.")
    now = timezone.now()
    utlatande.archived_at = now  # the PDF's modification date is the archiving moment
    data = render_pdf(utlatande, archival=True)
    digest = sha256_of(data)
    field = utlatande.archived_pdf
    stored_name = field.storage.save(field.field.generate_filename(utlatande,
                                                                   archive_name(utlatande)),
                                     ContentFile(data))
    with transaction.atomic():
        claimed = Utlatande.objects.filter(pk=utlatande.pk, archived_sha256="").update(
            archived_pdf=stored_name, archived_sha256=digest, archived_at=now,
            updated_at=now)  # the API's sync (updated_since) sees the new PDF
    if not claimed:
        field.storage.delete(stored_name)
    utlatande.refresh_from_db(fields=["archived_pdf", "archived_sha256", "archived_at"])
    return utlatande


def verify_archived(utlatande: Utlatande) -> bool:
    """Whether the stored file still has the recorded SHA-256."""
    if not utlatande.archived_pdf:
        return False
    with utlatande.archived_pdf.open("rb") as handle:
        return sha256_of(handle.read()) == utlatande.archived_sha256
