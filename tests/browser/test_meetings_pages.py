"""The sammanträde pages pass axe for the nämndsekreterare and SLK; the ICS import works
from the browser."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from meetings.models import Sammantrade
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def served_static(settings):
    """live_server serves /static/ from the finders, which know no hashed manifest names:
    use plain names so the CSS and meetings.js really load."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}



def _serious(page):
    return [(v["id"], v["help"]) for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.fixture
def planned(orgs, remiss):
    today = timezone.localdate()
    return Sammantrade.objects.create(organisation=orgs["kun"],
                                      date=today + datetime.timedelta(days=8),
                                      time=datetime.time(16), place="Kulturhuset")


def test_sekreterare_pages_pass_axe_and_import_a_csv(page, login, users, planned, tmp_path):
    login("sekreterare.kultur", PASSWORD)
    for path in ("/sammantraden/kun/", "/sammantraden/kun/ledtider/",
                 f"/sammantraden/mote/{planned.pk}/", f"/sammantraden/mote/{planned.pk}/andra/"):
        page.goto(path)
        assert _serious(page) == [], path
    page.goto("/sammantraden/kun/")
    next_year = timezone.localdate().year + 1
    plan = tmp_path / "plan.csv"
    plan.write_text(f"datum;tid;plats\n{next_year}-01-20;16:00;Stadshuset\n"
                    f"{next_year}-02-17;16:00;Stadshuset\n", encoding="utf-8")
    page.get_by_label("Fil med sammanträdesdatum (ICS eller CSV)").set_input_files(str(plan))
    page.get_by_role("button", name="Importera").click()
    assert "2 nya och 0 uppdaterade" in page.get_by_role("status").inner_text()
    assert page.get_by_role("link", name=f"{next_year}-02-17").is_visible()


def test_slk_sees_the_plans_of_a_remiss(page, login, users, planned, remiss):
    login("slk", PASSWORD)
    for path in ("/sammantraden/", f"/sammantraden/remiss/{remiss.pk}/"):
        page.goto(path)
        assert _serious(page) == [], path
    assert "Kulturnämnden" in page.content()
