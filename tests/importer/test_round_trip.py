"""Round trip: every demo tjänsteutlåtande, rendered to PDF by the app, imports back to
the same structure (fields, decision points, signatories, sections, bilagor).

The app has no DOCX export; when it gets one, it belongs here too."""

import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from responses.importer import headings as h
from responses.importer.parser import parse_text
from responses.importer.readers import read_pdf
from responses.models import Utlatande
from responses.pdf.layout import document_context
from responses.pdf.render import render_pdf

from .seeds import words


def hyphen_blind(text: str) -> Counter:
    text = re.sub(r"[-\u2010\u00ad]\s*[\n\f]\s*", "", text)
    return words(re.sub(r"[-\u2010\u00ad]", "", text))


def expected(utlatande: Utlatande) -> dict:
    """What the PDF shows, in the terms of the import (see responses/pdf/_document.html)."""
    context = document_context(utlatande)
    remiss = context["remiss"]
    title = utlatande.title
    if remiss and remiss.ks_dnr not in title and "emiss från kommunstyrelsen" not in title:
        title = f"{title}. Remiss från kommunstyrelsen ({remiss.ks_dnr})"
    headings = []
    if utlatande.decision_points:
        headings.append("Förvaltningarnas förslag till beslut" if context["joint"]
                        else "Förvaltningens förslag till beslut")
    headings += [s["heading"] for s in context["sections"]]
    if context["bilagor"]:
        headings.append("Bilagor")
    return {
        "title": " ".join(title.split()),
        "dnr": h.dnr_core(remiss.ks_dnr) if remiss else None,
        "own_dnr": next((p.dnr for p in context["parties"] if p.dnr), None),
        "date": utlatande.date.isoformat() if utlatande.date else None,
        "till": context["till"],
        "handlaggare": [{"name": p["name"], "telefon": p.get("telefon") or None}
                        for p in utlatande.handlaggare],
        "decision_points": list(utlatande.decision_points),
        "signatories": [{"name": s["name"], "title": s.get("title") or None}
                        for s in utlatande.signatories],
        "headings": headings,
        "bilagor": [b.title for b in context["bilagor"]],
    }


def actual(parsed) -> dict:
    data = parsed.to_json()
    data["dnr"] = h.dnr_core(data["dnr"]) if data["dnr"] else None
    data["headings"] = [s.heading for s in parsed.sections]
    return {key: data[key] for key in ("title", "dnr", "own_dnr", "date", "till",
                                       "handlaggare", "decision_points", "signatories",
                                       "headings", "bilagor")}


@pytest.fixture
def demo(db, settings, media):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Utlatande.objects.select_related("organisation").order_by("pk")


def test_every_demo_document_round_trips_through_its_pdf(demo):
    assert demo.count() >= 20
    failures = []
    for utlatande in demo:
        parsed = parse_text(read_pdf(render_pdf(utlatande)))
        want, got = expected(utlatande), actual(parsed)
        for key in want:
            if got[key] != want[key]:
                failures.append(f"{utlatande.pk} {utlatande.organisation.short} {key}: "
                                f"{got[key]!r} != {want[key]!r}")
        # Section by section, no word of the stored text is lost.
        by_heading = {s.heading: s for s in parsed.sections}
        for section in utlatande.sections:
            mine = by_heading.get(section["heading"])
            stored = hyphen_blind(strip_tags(section["html"].replace("</", " </")))
            if mine is not None and stored - hyphen_blind(mine.text):
                failures.append(f"{utlatande.pk} section {section['heading']}: lost "
                                f"{dict(stored - hyphen_blind(mine.text))}")
    assert not failures, "\n".join(failures[:40])
