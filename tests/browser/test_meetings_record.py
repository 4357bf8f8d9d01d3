"""A nämndsekreterare records a sammanträde with three items and downloads a
protokollsutdrag."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from meetings.models import Arende
from tests.conftest import PASSWORD

TITLES = ["Idrottsprogram", "Biblioteksplan", "Arkivprogram"]
DECISION_TEXT = "Nämndens beslutstext (vid ändrat beslut eller avslag)"

@pytest.fixture(autouse=True)
def served_static(settings):
    """live_server serves /static/ from the finders, which know no hashed manifest names:
    use plain names so the CSS and meetings.js really load."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}



@pytest.fixture(autouse=True)
def broker_folders(settings):
    """Justering queues the archive task (live server commits): the filesystem broker's
    folders must exist."""
    for key, value in settings.CELERY_BROKER_TRANSPORT_OPTIONS.items():
        if "folder" in key:
            Path(value).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def meeting_with_answers(held_meeting):
    return held_meeting(TITLES, 900)


def _serious_violations(page):
    return [v["id"] for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_sekreterare_records_three_items_and_downloads_utdrag(page, login, users,
                                                              meeting_with_answers,
                                                              screenshot, tmp_path):
    login("sekreterare.kultur", PASSWORD)
    page.goto("/sammantraden/kun/")
    assert _serious_violations(page) == []
    page.get_by_text("Tidigare sammanträden").click()
    page.get_by_role("link", name=f"{meeting_with_answers.date:%Y-%m-%d}").click()
    page.get_by_role("heading", name="Registrera beslut").wait_for()
    assert _serious_violations(page) == []

    def item(title):
        return page.get_by_role("group", name=f"{title}. Svar på remiss från kommunstyrelsen")

    proposed, changed, tabled = (item(t) for t in TITLES)
    proposed.get_by_label("Beslut", exact=True).select_option(label="Beslut enligt förslaget")
    proposed.get_by_label("Paragraf (§)").fill("41")
    proposed.get_by_label("Justeras omedelbart").check()
    changed.get_by_label("Beslut", exact=True).select_option(label="Ändrat beslut")
    changed.get_by_label("Paragraf (§)").fill("42")
    changed.get_by_label(DECISION_TEXT).fill(
        "Kulturnämnden godkänner tjänsteutlåtandet med tillägget om fri entré för unga.")
    changed.get_by_label("Justeras omedelbart").uncheck()
    tabled.get_by_label("Beslut", exact=True).select_option(label="Bordlagt")
    tabled.get_by_label("Paragraf (§)").fill("43")
    # The script offers the decision text only for a changed decision, and omedelbar
    # justering only for a decision.
    assert not proposed.get_by_label(DECISION_TEXT).is_visible()
    assert not tabled.get_by_label("Justeras omedelbart").is_visible()
    page.get_by_label("Justerare (för paragrafer som justeras omedelbart)").fill(
        "Ulla Ordförande")
    page.get_by_role("button", name="Registrera besluten").click()

    status = page.get_by_role("status")
    assert "3 ärenden är registrerade." in status.inner_text()
    assert {a.paragraph: a.outcome for a in Arende.objects.all()} == {
        "41": "enligt_forslag", "42": "andrat", "43": "bordlagt"}
    screenshot(page, "meetings-recorded")

    page.get_by_role("link", name="Protokollsutdrag § 41").click()
    assert "Justerat" in page.get_by_text("Justerat").first.inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner protokollsutdrag (PDF)").click()
    path = tmp_path / "utdrag.pdf"
    info.value.save_as(path)
    text = PdfReader(path).pages[0].extract_text()
    assert "§ 41" in text and "Idrottsprogram" in text and "Ulla Ordförande" in text
