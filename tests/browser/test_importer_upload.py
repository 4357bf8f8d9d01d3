"""The import page in a browser: upload a seed, read the preview and report, save; axe-clean."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from responses.models import Utlatande
from tests.conftest import PASSWORD

SEED = Path(__file__).resolve().parents[2] / "responses" / "demo" / "seeds" / (
    "2016-kulturforvaltningen.txt")


def _blocking(page):
    results = Axe().run(page)
    return [(v["id"], v["help"]) for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}]


@pytest.mark.django_db(transaction=True)
def test_sekreterare_imports_with_preview(page, login, users, remiss, settings, tmp_path,
                                          screenshot):
    settings.MEDIA_ROOT = tmp_path
    login("sekreterare.kultur", PASSWORD)
    page.goto("/svar/importera/")
    assert _blocking(page) == []
    page.get_by_label("Fil").set_input_files(str(SEED))
    page.get_by_label("Remiss").select_option(label=f"{remiss.ks_dnr} – {remiss.title}")
    page.get_by_role("button", name="Förhandsgranska").click()
    page.get_by_role("heading", name="Importrapport").wait_for()
    assert page.get_by_role("heading", name="Kulturförvaltningens synpunkter").is_visible()
    assert _blocking(page) == []
    screenshot(page, "importer-preview")
    assert Utlatande.objects.count() == 0
    # The document has no date: the field says so, and the sekreterare fills it in.
    date = page.get_by_role("textbox", name="Datum")
    assert page.locator("#id_rattelse-date_confidence").inner_text() == \
        "Saknas – fyll i om du kan"
    assert page.locator("#id_rattelse-date_confidence").is_visible()
    date.fill("2016-11-08")
    page.get_by_role("button", name="Spara tjänsteutlåtandet").click()
    page.get_by_role("status").get_by_text("Tjänsteutlåtandet importerades.").wait_for()
    screenshot(page, "importer-saved")
    utlatande = Utlatande.objects.get()
    assert page.url.endswith(utlatande.get_absolute_url())
    assert utlatande.date.isoformat() == "2016-11-08"


@pytest.mark.django_db(transaction=True)
def test_bad_file_error_is_announced(page, login, users, remiss, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bad = tmp_path / "bild.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    login("sekreterare.kultur", PASSWORD)
    page.goto("/svar/importera/")
    page.get_by_label("Fil").set_input_files(str(bad))
    page.get_by_label("Remiss").select_option(index=1)
    page.get_by_role("button", name="Förhandsgranska").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Filtypen stöds inte" in alert.inner_text()
    assert _blocking(page) == []
