"""The nämndsekreterare records a sammanträde's decisions (enligt förslag, ändrat,
återremiss) and justerar the protokoll; the answer, the meeting, SLK's matrix and the
protokollsutdrag all show the same §, decision and date."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.models import Arende
from programs.models import Remiss
from responses.models import State
from tests.conftest import PASSWORD

TITLES = ["Idrottsprogram", "Biblioteksplan", "Arkivprogram"]
POINTS = ["Kulturnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det till "
          "kommunstyrelsen som svar på remissen.", "Ärendet justeras omedelbart."]
CHANGED = "Kulturnämnden godkänner tjänsteutlåtandet med tillägget om fri entré för unga."


@pytest.fixture(autouse=True)
def served_static(settings):
    """Plain static names, so that meetings.js really loads from the live server."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def broker_folders(settings):
    for key, value in settings.CELERY_BROKER_TRANSPORT_OPTIONS.items():
        if "folder" in key:
            Path(value).mkdir(parents=True, exist_ok=True)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_secretary_records_justerar_and_every_page_agrees(browser, live_server, page, login,
                                                          users, held_meeting, screenshot,
                                                          tmp_path):
    meeting = held_meeting(TITLES, 950, points=POINTS)
    today = timezone.localdate()
    meeting_day, justering_day = f"{meeting.date:%Y-%m-%d}", f"{today:%Y-%m-%d}"
    login("sekreterare.kultur", PASSWORD)
    page.goto(meeting.get_absolute_url())

    def item(title):
        return page.get_by_role("group", name=f"{title}. Svar på remiss från kommunstyrelsen")

    proposed, changed, sent_back = (item(t) for t in TITLES)
    # The förslag says "Ärendet justeras omedelbart": the tick survives the page load.
    for each in (proposed, changed, sent_back):
        expect(each.get_by_label("Justeras omedelbart")).to_be_checked()
    proposed.get_by_label("Beslut", exact=True).select_option(label="Beslut enligt förslaget")
    proposed.get_by_label("Paragraf (§)").fill("51")
    expect(proposed.get_by_label("Justeras omedelbart")).to_be_checked()
    changed.get_by_label("Beslut", exact=True).select_option(label="Ändrat beslut")
    changed.get_by_label("Paragraf (§)").fill("52")
    changed.get_by_label("Nämndens beslutstext (vid ändrat beslut eller avslag)").fill(CHANGED)
    changed.get_by_label("Justeras omedelbart").uncheck()
    sent_back.get_by_label("Beslut", exact=True).select_option(label="Återremitterat")
    sent_back.get_by_label("Paragraf (§)").fill("53")
    expect(sent_back.get_by_label("Justeras omedelbart")).to_be_hidden()
    page.get_by_label("Justerare (för paragrafer som justeras omedelbart)").fill(
        "Ulla Ordförande")
    page.get_by_role("button", name="Registrera besluten").click()
    expect(page.get_by_role("status")).to_contain_text("3 ärenden är registrerade.")
    assert Arende.objects.get(paragraph="51").justerad_date == meeting.date

    # Later the protokoll is justerat: the two paragraphs not justerade at once.
    page.get_by_label("Justerare", exact=True).fill("Per Justerare")
    page.get_by_role("button", name="Justera", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Protokollet är justerat (2 paragrafer).")
    screenshot(page, "meeting-justerat")

    # The meeting: one row per §, with its decision and justering.
    rows = page.locator("table.agenda tbody tr")
    expect(rows).to_have_count(3)
    first, second, third = (_flat(rows.nth(i).inner_text()) for i in range(3))
    assert first.startswith("51") and f"Justerat {meeting_day}" in first
    assert "justerat omedelbart" in first
    assert second.startswith("52") and CHANGED in second
    assert f"Justerat {justering_day}" in second
    assert third.startswith("53") and "Återremitterat" in third
    # The prefilled proposal in the hidden text field is not taken as the nämnd's words.
    assert "Nämnden återremitterar ärendet till förvaltningen." in third

    # The answer: the same §, decision and date, and the way to the protokollsutdrag.
    changed_answer = Arende.objects.get(paragraph="52").utlatande
    assert changed_answer.state == State.JUSTERAD
    page.goto(changed_answer.get_absolute_url())
    decision = _flat(page.locator(".decision-facts").inner_text())
    assert "§ 52" in decision and CHANGED in decision
    assert f"{justering_day}, Per Justerare" in decision and meeting_day in decision
    expect(page.get_by_role("button", name="Registrera nämndens beslut")).to_have_count(0)

    # The protokollsutdrag, on screen and as PDF.
    page.get_by_role("link", name="§ 52", exact=True).click()
    utdrag = _flat(page.locator(".utdrag").inner_text())
    assert "§ 52" in utdrag and CHANGED in utdrag and f"Justerat {justering_day}" in utdrag
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner protokollsutdrag (PDF)").click()
    path = tmp_path / "utdrag.pdf"
    info.value.save_as(path)
    text = _flat(" ".join(p.extract_text() for p in PdfReader(path).pages))
    assert "§ 52" in text and f"Justerat {justering_day}" in text
    assert _flat(CHANGED) in text

    # SLK's matrix shows the same § and justering date for Kulturnämnden.
    slk = browser.new_context(base_url=live_server.url, locale="sv-SE",
                              timezone_id="Europe/Stockholm").new_page()
    login(users["slk"].username, PASSWORD, target_page=slk)
    remiss = Remiss.objects.get(title="Biblioteksplan")
    slk.goto(reverse("programs:matrix", args=[remiss.pk]))
    row = _flat(slk.get_by_role("row", name=re.compile("Kulturnämnden")).inner_text())
    assert "Justerad" in row and justering_day in row
    assert f"§ 52 {meeting_day}: Ändrat beslut" in row
    screenshot(slk, "matrix-decision")
    slk.context.close()
    assert datetime.date.fromisoformat(justering_day) == today
