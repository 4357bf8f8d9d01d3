"""SLK's working day in the browser, on the demo city: the inbox leads to deciding an
anstånd and reading a new answer; Skicka and Avsluta go through their confirmations; a
closed remiss is reopened; Registrera inkommet records date, stance and document and is
undone. Every page passes axe (no serious violations)."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from organisations.models import Organisation
from programs.demo import seed_slk_demo
from programs.models import AnstandRequest, AnstandStatus, Recipient, Remiss, RemissStatus
from tests.security.files import pdf

# A PDF that parses: remiss.uploads refuses one it cannot read.
PDF_BYTES = pdf()


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    seed_slk_demo()
    settings.DEBUG = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def _serious(page):
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in Axe().run(page).response["violations"]
            if v["impact"] in {"serious", "critical"}]


def test_inbox_leads_to_deciding_anstand_and_reading_a_new_answer(page, login, demo,
                                                                  screenshot):
    pending = AnstandRequest.objects.get(status=AnstandStatus.BEGARD)
    login("slk", "remiss-demo")
    page.goto("/")
    page.get_by_role("heading", name="Anstånd att pröva (1)").wait_for()
    assert _serious(page) == []
    screenshot(page, "slk-inbox")

    wanted = pending.requested_deadline.isoformat()
    page.get_by_role("link", name=f"Rinkeby-Kista stadsdelsnämnd begär anstånd till {wanted}"
                     ).click()
    page.get_by_label("Bevilja", exact=True).check()
    page.get_by_role("button", name="Spara beslut").click()
    page.get_by_text("Anståndet är beviljat").wait_for()
    pending.refresh_from_db()
    assert pending.status == AnstandStatus.BEVILJAD

    page.goto("/")
    assert page.get_by_text("Inga begäranden om anstånd väntar.").is_visible()
    new_answers = page.locator("section", has=page.locator("#inbox-new")).get_by_role(
        "link", name="Svar från")
    assert new_answers.count() >= 8
    name = new_answers.first.inner_text().removeprefix("Svar från ")
    new_answers.first.click()
    page.wait_for_url("**/svar/**")
    assert "Svar på remiss" in page.locator("h1").inner_text()
    assert name in page.content()

    page.goto("/")
    page.get_by_role("button", name="Markera svaren som lästa").click()
    page.get_by_text("Inga nya svar.").wait_for()


def test_skicka_goes_through_its_confirmation(page, login, demo, screenshot):
    draft = Remiss.objects.get(ks_dnr="KS 2026/1500")
    for short in ("kun", "rik"):
        Recipient.objects.create(remiss=draft, organisation=Organisation.objects.get(short=short))
    login("slk", "remiss-demo")
    page.goto(draft.get_absolute_url())
    page.get_by_role("link", name="Skicka", exact=True).click()
    page.get_by_role("heading", name="Skicka remissen?").wait_for()
    assert page.locator("#send-remisstid").inner_text() == draft.deadline.isoformat()
    assert page.get_by_text("Kulturnämnden:").is_visible()
    assert draft.ks_dnr in page.locator(".slk-mail").inner_text()
    assert _serious(page) == []
    screenshot(page, "slk-send-confirm")
    assert mail.outbox == []
    page.get_by_role("button", name="Skicka till 2 remissinstanser").click()
    page.get_by_text("Remissen är utskickad till 2 remissinstanser").wait_for()
    draft.refresh_from_db()
    assert draft.status == RemissStatus.UTSKICKAD


def test_avsluta_confirms_and_reopen_works(page, login, demo, screenshot):
    miljo = Remiss.objects.get(ks_dnr="KS 2026/1204")
    login("slk", "remiss-demo")
    page.goto(f"/remisser/{miljo.pk}/bevakning/")
    page.get_by_role("link", name="Avsluta remissen").click()
    page.get_by_role("heading", name="Avsluta remissen?").wait_for()
    assert page.get_by_text("har inte svarat").first.is_visible()
    assert _serious(page) == []
    screenshot(page, "slk-close-confirm")
    page.get_by_role("button", name="Avsluta remissen").click()
    page.get_by_text("Remissen är avslutad").wait_for()
    miljo.refresh_from_db()
    assert miljo.status == RemissStatus.AVSLUTAD

    page.get_by_role("link", name="Öppna remissen igen").click()
    page.get_by_label("Varför öppnas remissen igen?").fill("Avslutad för tidigt")
    assert _serious(page) == []
    page.get_by_role("button", name="Öppna remissen igen").click()
    page.get_by_text("Remissen är öppen igen").wait_for()
    miljo.refresh_from_db()
    assert miljo.status == RemissStatus.UTSKICKAD
    assert miljo.history.first().history_change_reason == "Återöppnad: Avslutad för tidigt"


def test_registrera_inkommet_records_date_stance_and_document_and_undo(page, login, demo,
                                                                       tmp_path, screenshot):
    remiss = Remiss.objects.get(ks_dnr="KS 2026/1422")
    recipient = remiss.recipients.filter(answered_at__isnull=True, declined=False,
                                         links__isnull=True).order_by("organisation__name"
                                                                      ).first()
    org = recipient.organisation.name
    login("slk", "remiss-demo")
    page.goto(f"/remisser/{remiss.pk}/bevakning/")
    page.get_by_role("link", name=f"Registrera inkommet ({org})").click()
    page.get_by_role("heading", name=f"Registrera inkommet svar från {org}").wait_for()

    # Everything missing at once: the summary is focused and links to the fields.
    page.get_by_role("button", name="Registrera inkommet").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    expect(summary).to_be_focused()  # once its script has run
    assert summary.get_by_role("link").count() == 2  # stance and document
    summary.get_by_role("link", name="Ställningstagande").click()
    assert page.evaluate("document.activeElement.name") == "stance"
    assert _serious(page) == []

    received = timezone.localdate() - datetime.timedelta(days=2)
    page.get_by_label("Svaret kom in").fill(received.isoformat())
    page.get_by_label("Tillstyrker med synpunkter").check()
    answer = tmp_path / "Svar.pdf"
    answer.write_bytes(PDF_BYTES)
    page.get_by_label("Svarsdokument").set_input_files(str(answer))
    page.get_by_role("button", name="Registrera inkommet").click()
    page.get_by_text(f"registrerat som inkommet {received.isoformat()}").wait_for()
    row = page.locator("tr", has_text=org)
    assert "Besvarad, inkommit" in row.inner_text()
    assert "Tillstyrker med synpunkter" in row.inner_text()
    assert row.get_by_role("link", name="Svarsdokument").is_visible()
    screenshot(page, "slk-registered")
    recipient.refresh_from_db()
    assert timezone.localdate(recipient.answered_at) == received
    assert recipient.answer_stance == "tillstyrker_med_synpunkter" and recipient.answer_file

    row.get_by_role("button", name="Ångra inkommet").click()
    page.get_by_text("räknas inte längre som inkommet").wait_for()
    recipient.refresh_from_db()
    assert recipient.answered_at is None
