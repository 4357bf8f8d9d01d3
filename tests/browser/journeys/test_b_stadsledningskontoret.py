"""SLK's journey in a real browser: create a remiss with a quick group, send it, watch the
matrix fill as two organisations answer, grant an anstånd, export the XLSX."""

import datetime
import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from organisations.models import Organisation, OrganisationKind
from programs.models import Remiss
from remiss.celery import app as celery_app
from responses.content import SectionKind, new_section
from responses.models import Stance, State, Utlatande, UtlatandeRecipient
from tests.conftest import PASSWORD
from tests.decisions import decide
from tests.security.files import pdf

# A PDF that parses: remiss.uploads refuses one it cannot read.
PDF_BYTES = pdf()


@pytest.fixture
def eager_celery():
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def plain_static(settings):
    """live_server serves static files through the finders, which know no hashed names."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def sod(orgs):
    return Organisation.objects.create(short="sod", name="Södermalms stadsdelsnämnd",
                                       forvaltning="Södermalms stadsdelsförvaltning",
                                       kind=OrganisationKind.STADSDELSNAMND,
                                       email="reg.sod@stockholm.se")


def _answer(recipient, state, stance):
    utlatande = Utlatande.objects.create(
        organisation=recipient.organisation, title=f"Svar från {recipient.organisation.name}",
        state=state, stance=stance,
        sections=[new_section(SectionKind.SAMMANFATTNING, "Sammanfattning",
                              f"<p>{recipient.organisation.forvaltning} tillstyrker.</p>")])
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
    if state in (State.JUSTERAD, State.BESVARAD):
        decide(utlatande, meeting_date=timezone.localdate(),
               justerad_date=timezone.localdate())


def _serious(page):
    return [(v["id"], v["help"]) for v in Axe().run(page).response["violations"]
            if v["impact"] in {"serious", "critical"}]


def test_slk_journey(browser, live_server, page, login, users, sod, program, eager_celery,
                     plain_static, screenshot, tmp_path):
    today = timezone.localdate()
    deadline = today + datetime.timedelta(days=30)
    login("slk", PASSWORD)

    # 1. Create with the quick group "alla stadsdelsnämnder", save as utkast.
    page.goto("/remisser/ny/")
    page.get_by_label("Titel").fill("Handlingsplan för ett tillgängligt Stockholm")
    page.get_by_label("Diarienummer (KS)").fill("KS 2026/1422")
    page.get_by_label("Remissdatum").fill(today.isoformat())
    page.get_by_label("Remisstid").fill(deadline.isoformat())
    page.get_by_label("Kontaktperson", exact=True).fill("Karin Wallin")
    file = tmp_path / "Förslag till handlingsplan.pdf"
    file.write_bytes(PDF_BYTES)
    page.locator("input[type=file]").set_input_files(str(file))
    page.get_by_label("Alla stadsdelsnämnder").check()
    assert page.get_by_label("Södermalms stadsdelsnämnd").is_checked()
    assert page.get_by_label("Rinkeby-Kista stadsdelsnämnd").is_checked()
    assert not page.get_by_label("Kulturnämnden").is_checked()
    assert page.locator(".slk-count").inner_text() == "2 valda"
    assert _serious(page) == []
    screenshot(page, "slk-remiss-form")
    page.get_by_role("button", name="Spara som utkast").click()
    page.get_by_text("Remissen är sparad som utkast").wait_for()
    remiss = Remiss.objects.get(ks_dnr="KS 2026/1422")
    assert {r.organisation.short for r in remiss.recipients.all()} == {"rik", "sod"}

    # 2. Send after the confirmation (recipients, remisstid, the mail): one e-mail each.
    page.get_by_role("link", name="Skicka", exact=True).click()
    page.get_by_role("heading", name="Skicka remissen?").wait_for()
    assert "Södermalms stadsdelsnämnd: reg.sod@stockholm.se" in page.content()
    assert mail.outbox == []
    page.get_by_role("button", name="Skicka till 2 remissinstanser").click()
    page.get_by_text("Remissen är utskickad").wait_for()
    assert "0 av 2 har beslutat" in page.locator(".slk-summary").inner_text()
    assert sorted(m.to[0] for m in mail.outbox) == ["reg.rik@stockholm.se",
                                                    "reg.sod@stockholm.se"]
    matrix_url = page.url

    # 3. Rinkeby-Kista asks for anstånd in its own browser session.
    other = browser.new_context(base_url=live_server.url, locale="sv-SE")
    rinkeby = other.new_page()
    login("handlaggare.rinkeby", PASSWORD, target_page=rinkeby)
    rinkeby.goto(remiss.get_absolute_url())
    rinkeby.get_by_role("link", name="Begär anstånd").click()
    later = deadline + datetime.timedelta(days=14)
    rinkeby.get_by_label("Ny remisstid").fill(later.isoformat())
    rinkeby.get_by_label("Skäl").fill("Nämnden sammanträder först efter remisstiden.")
    rinkeby.get_by_role("button", name="Skicka begäran").click()
    rinkeby.get_by_text("Begäran om anstånd är skickad").wait_for()
    other.close()

    # 4. SLK grants it from the matrix.
    page.goto(matrix_url)
    page.get_by_role("link", name=f"Pröva anstånd till {later.isoformat()}").click()
    page.get_by_label("Bevilja", exact=True).check()
    page.get_by_role("button", name="Spara beslut").click()
    page.get_by_text("Anståndet är beviljat").wait_for()
    rik_row = page.locator("tr", has_text="Rinkeby-Kista stadsdelsnämnd")
    assert later.isoformat() in rik_row.inner_text() and "anstånd" in rik_row.inner_text()

    # 5. The matrix fills as the two organisations answer.
    recipients = {r.organisation.short: r for r in remiss.recipients.all()}
    _answer(recipients["sod"], State.JUSTERAD, Stance.TILLSTYRKER)
    page.reload()
    assert "1 av 2 har beslutat" in page.locator(".slk-summary").inner_text()
    assert "Justerad" in page.locator("tr", has_text="Södermalms").inner_text()
    _answer(recipients["rik"], State.BESVARAD, Stance.TILLSTYRKER_MED_SYNPUNKTER)
    page.reload()
    assert "2 av 2 har beslutat" in page.locator(".slk-summary").inner_text()
    assert "Besvarad, inkommit" in page.locator("tr", has_text="Rinkeby-Kista").inner_text()
    assert page.locator("svg.chart").count() == 1
    assert _serious(page) == []
    screenshot(page, "slk-matrix")

    # 6. Close the remiss: answers arriving later are still received, marked late.
    page.get_by_role("link", name="Avsluta remissen").click()
    page.get_by_role("heading", name="Avsluta remissen?").wait_for()
    page.get_by_role("button", name="Avsluta remissen").click()
    page.get_by_text("Remissen är avslutad").wait_for()
    remiss.refresh_from_db()
    assert remiss.status == "avslutad"
    page.goto(matrix_url)

    # 7. Export the remissammanställning as XLSX and open it.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Remissammanställning (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Organisation"
    assert {v[0] for v in values[1:]} == {"Rinkeby-Kista stadsdelsnämnd",
                                          "Södermalms stadsdelsnämnd"}

    # 8. At 375 px the table gives way to a compact list, details on tap.
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert not page.locator(".slk-matrix").is_visible()
    item = page.locator(".slk-phone-item", has_text="Södermalms stadsdelsnämnd")
    assert "Justerad" in item.locator("summary").inner_text()
    item.locator("summary").click()
    assert item.get_by_text("Ställningstagande").is_visible()
    screenshot(page, "slk-matrix-375")
