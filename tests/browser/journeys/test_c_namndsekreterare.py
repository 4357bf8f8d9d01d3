"""Journey (c): the nämndsekreterare after a sammanträde. She records the nämnd's decisions
on the answers that were on the agenda, justerar the minutes, and exports the justering
documents as a ZIP while a progress bar shows how far the export has come."""

import csv
import io
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from responses.models import State, Utlatande
from tests.conftest import PASSWORD

TITLES = ["Idrottsprogram", "Biblioteksplan"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_sekreterare_records_justerar_and_exports(page, login, users, held_meeting, media,
                                                 tmp_path):
    meeting = held_meeting(TITLES, 700)
    login("sekreterare.kultur", PASSWORD)

    # 1. The meeting page lists what the nämnd had on its agenda.
    page.goto(meeting.get_absolute_url())
    page.get_by_role("heading", name="Registrera beslut").wait_for()
    for number, title in enumerate(TITLES):
        item = page.get_by_role("group", name=f"{title}. Svar på remiss från kommunstyrelsen")
        item.get_by_label("Beslut", exact=True).select_option(label="Beslut enligt förslaget")
        item.get_by_label("Paragraf (§)").fill(str(51 + number))
        item.get_by_label("Justeras omedelbart").uncheck()
    page.get_by_role("button", name="Registrera besluten").click()
    expect(page.get_by_role("status")).to_contain_text("2 ärenden är registrerade.")
    assert set(Utlatande.objects.values_list("state", flat=True)) == {State.BESLUTAD}

    # 2. A few days later the minutes are justerade: every decided answer is locked.
    page.get_by_label("Justerare").fill("Ulla Ordförande")
    page.get_by_label("Justeringsdatum").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Justera", exact=True).click()
    expect(page.get_by_text("Protokollet justerat")).to_be_visible()
    assert set(Utlatande.objects.values_list("state", flat=True)) == {State.JUSTERAD}

    # 3. Export the justering documents of the meeting as a ZIP with a manifest.
    page.get_by_role("link", name="Justeringsexport för sammanträdet (PDF eller ZIP)").click()
    page.get_by_role("button", name="Visa tjänsteutlåtanden").click()
    for title in TITLES:
        expect(page.get_by_label(f"{title}. Svar på remiss från kommunstyrelsen")).to_be_checked()
    page.get_by_label("ZIP med en PDF per tjänsteutlåtande och förteckning (manifest.csv)").check()
    page.get_by_role("button", name="Skapa export").click()

    # 4. The progress bar reaches the end and offers the file.
    progress = page.locator("progress#export-progress")
    expect(progress).to_be_visible()
    download_link = page.get_by_role("link", name="Ladda ner ZIP")
    expect(download_link).to_be_visible(timeout=60_000)
    assert progress.get_attribute("value") == progress.get_attribute("max") == "2"
    with page.expect_download() as info:
        download_link.click()
    path = tmp_path / "justering.zip"
    info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        manifest = archive.read("manifest.csv").decode("utf-8-sig")
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    rows = list(csv.DictReader(io.StringIO(manifest), delimiter=";"))
    assert len(pdfs) == len(rows) == 2
