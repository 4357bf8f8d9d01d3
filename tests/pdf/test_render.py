"""The tjänsteutlåtande PDF: layout, header fields, section order, page numbers."""

import re

from responses.models import State
from responses.pdf.render import render_pdf, utlatande_html

from .conftest import pdf_pages, pdf_text


def _squash(text: str) -> str:
    """One line of text: words broken by hyphenation at line ends joined again."""
    return re.sub(r"\s+", " ", re.sub(r"[\u2010\u00ad-]\n", "", text))


def test_header_fields_sections_and_points_in_order(make_utlatande):
    utlatande = make_utlatande(state=State.KLAR_FOR_NAMND)
    text = _squash(pdf_text(render_pdf(utlatande)))
    for expected in ["Kulturförvaltningen", "Avdelningen för stadsövergripande frågor",
                     "Tjänsteutlåtande", "Dnr KUN 2026/1234", "2026-11-02",
                     "Handläggare: Maria Lindqvist", "Telefon: 08-508 319 12",
                     "Till Kulturnämnden", "Svar på remiss från kommunstyrelsen"]:
        assert expected in text, expected
    order = ["Förvaltningens förslag till beslut", "1. Kulturnämnden godkänner",
             "2. Ärendet justeras omedelbart", "Per Ekström", "Sammanfattning", "Ärendet",
             "Ärendets beredning", "Förvaltningens synpunkter", "Synpunkter på uppföljning"]
    position = 0
    for item in order:  # each one after the one before
        found = text.find(item, position)
        assert found >= 0, f"{item!r} saknas efter position {position}"
        position = found + len(item)
    # Two signatories stand side by side (two columns), each name over its title.
    for name, title in [("Per Ekström", "Förvaltningschef"), ("Åsa Öberg", "Administrativ chef")]:
        assert name in text and title in text


def test_bullet_and_numbered_lists_are_kept(make_utlatande):
    text = pdf_text(render_pdf(make_utlatande()))
    assert "• Analysmetoder" in text
    assert "1. Väsentlighets- och riskanalys bör ingå." in _squash(text)
    assert "2. ILS-webbverktyget behöver utvecklas." in _squash(text)


def test_every_page_is_numbered_with_the_page_count(make_utlatande):
    utlatande = make_utlatande(paragraphs=60)
    pages = [p for p in pdf_pages(render_pdf(utlatande)) if p.strip()]
    n = len(pages)
    assert n >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} ({n})" in page
    # The running header from page 2 on names the document's dnr.
    assert "Dnr KUN 2026/1234" in pages[1]


def test_swedish_characters_survive(make_utlatande):
    utlatande = make_utlatande(title="Åtgärder för ökad delaktighet – ”Ärende” § 12 €")
    text = pdf_text(render_pdf(utlatande))
    assert "Åtgärder för ökad delaktighet – ”Ärende” § 12 €" in text


def test_html_is_swedish_and_carries_metadata(make_utlatande):
    html = utlatande_html(make_utlatande())
    assert '<html lang="sv">' in html
    assert '<meta name="author" content="Kulturförvaltningen">' in html


def test_organisation_logo_replaces_the_wordmark(make_utlatande, orgs, media):
    import base64

    from django.core.files.base import ContentFile

    png = base64.b64decode(  # a 1x1 PNG
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJ"
        "RU5ErkJggg==")
    orgs["kun"].logo.save("kun.png", ContentFile(png), save=True)
    data = render_pdf(make_utlatande())
    assert b"/Subtype /Image" in data
    assert "STOCKHOLMS STAD" not in pdf_text(data)
    html = utlatande_html(make_utlatande(organisation="rik"))
    assert "tu-wordmark" in html  # no logo: the city's wordmark
