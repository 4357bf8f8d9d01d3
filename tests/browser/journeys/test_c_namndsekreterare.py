"""Journey (c): the nämndsekreterare after a sammanträde. She records the nämnd's decisions
on the answers that were on the agenda, justerar the minutes, and exports the justering
documents as a ZIP while a progress bar shows how far the export has come."""

import csv
import datetime
import io
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Sammantrade
from programs.models import Recipient, Remiss, RemissStatus
from responses.models import State, Utlatande, UtlatandeRecipient
from tests.conftest import PASSWORD

TITLES = ["Idrottsprogram", "Biblioteksplan"]


@pytest.fixture(autouse=True)
def plain_static_names(settings):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def held_meeting(orgs, users, program, settings, tmp_path):
    """Yesterday's sammanträde of Kulturnämnden with two answers klar för nämnd."""
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    meeting = Sammantrade.objects.create(organisation=orgs["kun"],
                                         date=today - datetime.timedelta(days=1),
                                         time=datetime.time(16), place="Kulturhuset")
    for number, title in enumerate(TITLES):
        remiss = Remiss.objects.create(
            program=program, title=title, ks_dnr=f"KS 2026/{700 + number}",
            remiss_date=today - datetime.timedelta(days=60),
            deadline=today + datetime.timedelta(days=20), sender=orgs["ks"],
            status=RemissStatus.UTSKICKAD, sent_at=timezone.now())
        recipient = Recipient.objects.create(remiss=remiss, organisation=orgs["kun"])
        answer = Utlatande.objects.create(
            organisation=orgs["kun"], title=f"{title}. Svar på remiss från kommunstyrelsen",
            state=State.KLAR_FOR_NAMND, till="Kulturnämnden",
            decision_points=["Kulturnämnden godkänner förvaltningens tjänsteutlåtande och "
                             "överlämnar det till kommunstyrelsen som svar på remissen."])
        UtlatandeRecipient.objects.create(utlatande=answer, recipient=recipient)
    return meeting


def test_sekreterare_records_justerar_and_exports(page, login, users, held_meeting, tmp_path):
    login("sekreterare.kultur", PASSWORD)

    # 1. The meeting page lists what the nämnd had on its agenda.
    page.goto(held_meeting.get_absolute_url())
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
