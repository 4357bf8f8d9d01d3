"""UTKAST watermark on drafts (with the version), none from klar för nämnd on."""

import pytest

from responses.models import State
from responses.pdf.render import render_pdf

from .conftest import pdf_pages


@pytest.mark.parametrize("state", [State.UTKAST, State.GRANSKNING])
def test_draft_carries_watermark_with_version_on_every_page(make_utlatande, state):
    utlatande = make_utlatande(state=state, version=4, paragraphs=40)
    pages = [p for p in pdf_pages(render_pdf(utlatande)) if p.strip()]
    assert len(pages) >= 2
    for page in pages:
        assert "UTKAST – version 4" in page


@pytest.mark.parametrize("state", [State.KLAR_FOR_NAMND, State.BESLUTAD, State.JUSTERAD])
def test_final_has_no_watermark(make_utlatande, state):
    text = "".join(pdf_pages(render_pdf(make_utlatande(state=state, version=4))))
    assert "UTKAST" not in text.upper()
