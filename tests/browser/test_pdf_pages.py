"""Print preview and justering export in Chromium: axe-clean, print CSS, live progress."""

import datetime
import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from pdfminer.high_level import extract_text

from responses.content import SectionKind, new_section
from responses.models import ExportJob, State, Utlatande, UtlatandeRecipient
from tests.conftest import PASSWORD
from tests.decisions import decide


@pytest.fixture(autouse=True)
def plain_static_urls(settings):
    """live_server serves static files through the finders, which know no hashed names:
    without this the pages here would load no CSS at all and print CSS went untested."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def documents(users, remiss, orgs):
    made = []
    for state, short in [(State.UTKAST, "kun"), (State.BESLUTAD, "rik")]:
        utlatande = Utlatande.objects.create(
            organisation=orgs[short], title="Reviderat program för kvalitetsutveckling "
            "(KS 2026/1350). Svar på remiss från kommunstyrelsen", own_dnr=f"{short.upper()} 1",
            date=datetime.date(2026, 11, 2), till=orgs[short].name, state=state,
            handlaggare=[{"name": "Maria Lindqvist", "telefon": "08-508 319 12"}],
            decision_points=["Nämnden godkänner tjänsteutlåtandet.", "Ärendet justeras."],
            signatories=[{"name": "Per Ekström", "title": "Förvaltningschef"}],
            sections=[new_section(SectionKind.SYNPUNKTER, "Förvaltningens synpunkter",
                                  "<p>Förvaltningen ställer sig bakom programmet.</p>" * 40)])
        UtlatandeRecipient.objects.create(utlatande=utlatande,
                                          recipient=remiss.recipients.get(organisation=orgs[short]))
        if state == State.BESLUTAD:
            decide(utlatande, meeting_date=datetime.date(2026, 11, 19), paragraph="4")
        made.append(utlatande)
    return made


def _serious(page):
    violations = Axe().run(page).response["violations"]
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations
            if v["impact"] in {"serious", "critical"}]


def test_print_preview_is_accessible_and_prints_like_the_pdf(page, login, documents, users):
    draft = documents[0]
    login(users["handlaggare_a"].username, PASSWORD)
    page.goto(f"/svar/{draft.pk}/utskrift/")
    assert page.get_by_role("heading", level=1, name=draft.title).is_visible()
    assert page.get_by_text("UTKAST – version 1").first.is_visible()
    assert page.get_by_role("link", name="Ladda ner PDF").is_visible()
    assert _serious(page) == []
    assert page.evaluate("() => document.styleSheets[0].cssRules.length") > 0
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("link", name="Ladda ner PDF").is_visible()
    text = extract_text(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert "Sida 1 (" in text and "Förvaltningens förslag till beslut" in text
    assert "Hoppa till innehållet" not in text


def test_export_progress_page_polls_until_download(page, login, documents, users, settings):
    from remiss.celery import app

    app.conf.task_always_eager = True
    try:
        login(users["sekreterare"].username, PASSWORD)
        page.goto("/svar/justering/")
        assert _serious(page) == []
        page.get_by_label("Sammanträdesdatum (ÅÅÅÅ-MM-DD)").fill("2026-11-19")
        page.get_by_role("button", name="Visa tjänsteutlåtanden").click()
        # Only Kulturnämnden's documents, and of those only non-drafts: none here.
        assert page.get_by_text("Inga tjänsteutlåtanden matchar urvalet.").is_visible()
        documents[0].state = State.BESLUTAD
        documents[0].save()
        decide(documents[0], meeting_date=datetime.date(2026, 11, 19), paragraph="5")
        page.reload()
        page.get_by_label("ZIP med en PDF per tjänsteutlåtande").check()
        page.get_by_role("button", name="Skapa export").click()
        page.wait_for_url("**/svar/justering/*/")
        link = page.get_by_role("link", name="Ladda ner ZIP")
        link.wait_for(state="visible")
        assert page.locator("progress").get_attribute("aria-valuenow") == "1"
        assert _serious(page) == []
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename.endswith(".zip")
        assert ExportJob.objects.get().status == ExportJob.Status.DONE
    finally:
        app.conf.task_always_eager = False
