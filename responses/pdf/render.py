"""Tjänsteutlåtande → HTML → PDF with WeasyPrint, through the safe URL fetcher only.

``render_pdf(utlatande)`` gives the working PDF (watermarked while a draft);
``render_pdf(utlatande, archival=True)`` the tagged PDF/A-3u that is archived at justering.
"""

import hashlib
import logging
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration

from remiss.uploads import PDF
from responses.models import Utlatande

from .fetcher import SafeURLFetcher, static_file_url
from .layout import document_context

logger = logging.getLogger(__name__)

STYLESHEET = "css/pdf.css"
PDF_VARIANT = "pdf/a-3u"
# Render whatever the font machinery needs once per process, not once per document.
_FONT_CONFIG = None


class RenderError(Exception):
    """The document could not be rendered; the message is shown to the user."""


def _font_config() -> FontConfiguration:
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def pdf_identifier(utlatande: Utlatande) -> bytes:
    """Stable per document and version, so two renders of one version share their /ID."""
    return hashlib.sha256(f"remiss-utlatande:{utlatande.pk}:{utlatande.version}".encode()
                          ).hexdigest()[:32].encode()


def _w3c(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "astimezone"):
        return timezone.localtime(value).replace(microsecond=0).isoformat()
    return value.isoformat()


def utlatande_html(utlatande: Utlatande) -> str:
    """The standalone HTML document WeasyPrint lays out."""
    context = document_context(utlatande, logo_src=lambda party: Path(party.logo_path).as_uri())
    context["created"] = _w3c(utlatande.date or utlatande.created_at)
    context["modified"] = _w3c(utlatande.archived_at or utlatande.updated_at)
    return render_to_string("responses/pdf/utlatande.html", context)


def attachment_name(bilaga) -> str:
    """ASCII file name: readers disagree on how to decode non-ASCII /F names."""
    return f"bilaga-{bilaga.order}-{slugify(bilaga.title)[:60] or 'fil'}.pdf"


def _pdf_bilagor(utlatande: Utlatande) -> list:
    """Bilagor that are PDFs on disk: embedded in the PDF/A-3 as associated files."""
    files = []
    for bilaga in utlatande.bilagor.all():
        if bilaga.file and bilaga.content_type == PDF:
            try:
                path = Path(bilaga.file.path)
            except (NotImplementedError, ValueError):
                continue
            if path.is_file():
                files.append((bilaga, path))
    return files


def html_to_pdf(html: str, *, fetcher: SafeURLFetcher | None = None, **options) -> bytes:
    """Lay out an HTML string with the document stylesheet; only the safe fetcher fetches."""
    fetcher = fetcher or SafeURLFetcher()
    font_config = _font_config()
    css = CSS(url=static_file_url(STYLESHEET), url_fetcher=fetcher, font_config=font_config)
    try:
        document = HTML(string=html, url_fetcher=fetcher, base_url=static_file_url(STYLESHEET))
        return document.write_pdf(stylesheets=[css], font_config=font_config, **options)
    except Exception as error:  # WeasyPrint raises many kinds; the user needs one message
        logger.exception("PDF rendering failed")
        raise RenderError("PDF:en kunde inte skapas. Kontrollera dokumentets innehåll och "
                          "försök igen.") from error


def render_pdf(utlatande: Utlatande, *, archival: bool = False) -> bytes:
    """The PDF of a tjänsteutlåtande; archival=True gives tagged PDF/A-3u with bilagor."""
    html = utlatande_html(utlatande)
    options = {"pdf_identifier": pdf_identifier(utlatande), "pdf_tags": True}
    fetcher = SafeURLFetcher()
    if archival:
        bilagor = _pdf_bilagor(utlatande)
        fetcher = SafeURLFetcher(extra_files=[path for _, path in bilagor])
        options["pdf_variant"] = PDF_VARIANT
        options["attachments"] = [
            Attachment(url=path.as_uri(), url_fetcher=fetcher,
                       name=attachment_name(bilaga),
                       description=bilaga.title, relationship="Supplement")
            for bilaga, path in bilagor
        ]
    return html_to_pdf(html, fetcher=fetcher, **options)
