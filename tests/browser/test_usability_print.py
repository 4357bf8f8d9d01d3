"""The browser's print of a tjänsteutlåtande looks like the PDF: the same header fields,
decision points and sections in the same order, and none of the application around it."""

import io
import re

from pdfminer.high_level import extract_text

from responses import workflow
from responses.pdf.render import render_pdf
from responses.services import start_response
from tests.conftest import PASSWORD


def _lines(pdf_bytes: bytes) -> list[str]:
    text = extract_text(io.BytesIO(pdf_bytes))
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def _order(lines: list[str], wanted: list[str]) -> list[str]:
    """The wanted strings in the order they first occur in the lines."""
    found = {w: next((i for i, line in enumerate(lines) if w in line), None) for w in wanted}
    missing = [w for w, i in found.items() if i is None]
    assert not missing, f"missing from the print: {missing}"
    return sorted(wanted, key=found.get)


def test_browser_print_matches_the_pdf(page, login, users, remiss):
    doc = start_response(remiss.recipients.get(organisation__short="kun"), users["handlaggare_a"])
    workflow.apply(doc, "skicka_till_granskning", users["handlaggare_a"])
    workflow.apply(doc, "godkann", users["granskare"])
    doc.refresh_from_db()

    login("handlaggare.kultur", PASSWORD)
    # The document page links to its print view; that page is what Ctrl-P prints.
    page.goto(doc.get_absolute_url())
    page.goto(page.get_by_role("link", name=re.compile("Utskrift|Skriv ut", re.I)).first
              .get_attribute("href"))
    page.emulate_media(media="print")
    browser_pdf = page.pdf(format="A4", prefer_css_page_size=True)
    weasy_pdf = render_pdf(doc)

    wanted = ["Handläggare", "Till", doc.title[:40], "Förvaltningens förslag till beslut",
              doc.decision_points[0][:40]]
    wanted += [s["heading"] for s in doc.sections if s["heading"]]
    browser_lines, weasy_lines = _lines(browser_pdf), _lines(weasy_pdf)
    assert _order(browser_lines, wanted) == _order(weasy_lines, wanted)
    # The application around the document is not printed.
    for chrome in ("Logga ut", "Hoppa till innehållet", "Tillgänglighetsredogörelse"):
        assert not any(chrome in line for line in browser_lines), chrome
    # Both are A4 pages numbered the same way.
    assert any(re.search(r"Sida 1 \(\d+\)", line) for line in weasy_lines)
