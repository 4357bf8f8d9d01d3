"""The protokollsutdrag as a tagged PDF/A: template → HTML → WeasyPrint, fetching nothing.

The extract carries only our own text (escaped by the template), so the URL fetcher refuses
every URL but data: ones.
"""

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from responses.pdf.render import PDF_VARIANT  # the same archival format as the utlåtande

from .models import Arende

PAGE_CSS = """
@page { size: A4; margin: 25mm 22mm;
  @bottom-center { content: "Sida " counter(page) " (" counter(pages) ")";
                   font-family: "DejaVu Sans", sans-serif; font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.45; }
h1 { font-size: 15pt; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
.utdrag-head { display: flex; justify-content: space-between; }
.decision { white-space: pre-line; }
dl { margin: 0; } dt { font-weight: bold; float: left; width: 38mm; } dd { margin: 0 0 1mm 40mm; }
"""


class DataOnlyFetcher(URLFetcher):
    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, **kwargs)


def utdrag_context(arende: Arende) -> dict:
    return {"arende": arende, "meeting": arende.meeting, "utlatande": arende.utlatande,
            "organisation": arende.meeting.organisation,
            "justerad_date": arende.justerad_date, "justerare": arende.justerare,
            "statements": list(arende.statements.all())}


def render_utdrag_pdf(arende: Arende) -> bytes:
    html = render_to_string("meetings/protokollsutdrag_pdf.html", utdrag_context(arende))
    fetcher = DataOnlyFetcher()
    return HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(string=PAGE_CSS, url_fetcher=fetcher)], pdf_variant=PDF_VARIANT,
        pdf_tags=True, uncompressed_pdf=False)


def decided_arende(utlatande) -> Arende | None:
    """The paragraph at which the answer was decided (for the justering export / KS)."""
    return utlatande.decision


def utdrag_pdf_for(utlatande) -> bytes | None:
    """The protokollsutdrag PDF of a justerad answer, or None when it has none (yet)."""
    arende = decided_arende(utlatande)
    if arende is None or not arende.is_justerad:
        return None
    return render_utdrag_pdf(arende)
