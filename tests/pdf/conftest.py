"""Fixtures for PDF tests: a realistic tjänsteutlåtande, and text extraction helpers."""

import datetime
import io
import re

import pytest
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams

from responses.content import SectionKind, new_section
from responses.models import State, Utlatande, UtlatandeRecipient
from tests.decisions import decide, pop_decision

SYNPUNKTER = (
    "<p>Kulturförvaltningen ställer sig bakom programmet som helhet och delar "
    "stadsledningskontorets bedömning av vilka områden som behöver utvecklas:</p>"
    "<ul><li>Analysmetoder</li><li>Ledarskap för delaktighet och lärande</li>"
    "<li>Former för dialog med stockholmarna</li></ul>"
    "<h3>Synpunkter på uppföljning</h3>"
    "<ol><li>Väsentlighets- och riskanalys bör ingå.</li>"
    "<li>ILS-webbverktyget behöver utvecklas.</li></ol>"
)


@pytest.fixture
def make_utlatande(orgs, remiss):
    def make(*, state=State.UTKAST, organisation="kun", paragraphs=1, remiss_override=None,
             **extra):
        org = orgs[organisation]
        filler = "".join(
            f"<p>Stycke {i}: Förvaltningen önskar tydligare skrivningar om uppföljning, "
            "analys och lärande i hela organisationen, så att åtgärderna får effekt för "
            "stockholmarna. Det är viktigt att kvalitetsarbetet är långsiktigt.</p>"
            for i in range(paragraphs))
        fields = {
            "organisation": org,
            "title": f"{remiss.title} ({remiss.ks_dnr}). Svar på remiss från kommunstyrelsen",
            "date": datetime.date(2026, 11, 2),
            "own_dnr": "KUN 2026/1234",
            "avdelning": "Avdelningen för stadsövergripande frågor",
            "till": org.name,
            "handlaggare": [{"name": "Maria Lindqvist", "telefon": "08-508 319 12"}],
            "decision_points": [
                "Kulturnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det "
                "till kommunstyrelsen som svar på remissen.",
                "Ärendet justeras omedelbart.",
            ],
            "signatories": [{"name": "Per Ekström", "title": "Förvaltningschef",
                             "organisation": ""},
                            {"name": "Åsa Öberg", "title": "Administrativ chef",
                             "organisation": ""}],
            "sections": [
                new_section(SectionKind.SAMMANFATTNING, "Sammanfattning",
                            "<p>Programmet är ett förslag till revidering.</p>" + filler),
                new_section(SectionKind.ARENDET, "Ärendet",
                            "<p>Remissen är daterad 2026-10-01.</p>"),
                new_section(SectionKind.BEREDNING, "Ärendets beredning",
                            "<p>Ärendet har beretts inom avdelningen.</p>"),
                new_section(SectionKind.SYNPUNKTER, "Förvaltningens synpunkter", SYNPUNKTER),
            ],
            "state": state,
        }
        fields.update(extra)
        decision = pop_decision(fields)
        utlatande = Utlatande.objects.create(**fields)
        recipient = (remiss_override or remiss).recipients.get(organisation=org)
        UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
        if decision:
            decide(utlatande, **decision)
        return utlatande

    return make


def pdf_text(data: bytes) -> str:
    """The text in reading order (top to bottom), list markers joined to their item."""
    text = extract_text(io.BytesIO(data), laparams=LAParams(char_margin=30, boxes_flow=None))
    return re.sub(r"^(•|\d+\.) *\n+", r"\1 ", text, flags=re.MULTILINE)


def pdf_pages(data: bytes) -> list[str]:
    return pdf_text(data).split("\f")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
