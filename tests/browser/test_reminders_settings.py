"""Reminder settings in a real browser: mute from the list, the mail's mute link, the
calendar link; no serious axe violations; works without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def serious(page):
    return [(v["id"], v["help"]) for v in Axe().run(page).response["violations"]
            if v["impact"] in {"serious", "critical"}]


@pytest.fixture
def assigned(remiss, users):
    recipient = remiss.recipients.get(organisation__short="kun")
    recipient.handlaggare = users["handlaggare_a"]
    recipient.save()
    return recipient


def test_mute_and_unmute_from_the_settings_page(page, login, assigned, remiss):
    login("handlaggare.kultur", PASSWORD)
    page.goto("/paminnelser/")
    assert serious(page) == []
    page.get_by_role("button", name=f"Stäng av påminnelser för {remiss.ks_dnr}").click()
    status = page.get_by_role("status")
    assert "Du får inga fler påminnelser" in status.inner_text()
    page.get_by_role("button", name=f"Slå på påminnelser för {remiss.ks_dnr}").click()
    assert "påslagna igen" in page.get_by_role("status").inner_text()


def test_mail_link_confirms_before_muting(page, login, assigned, remiss):
    login("handlaggare.kultur", PASSWORD)
    page.goto(f"/paminnelser/remiss/{remiss.pk}/tysta/")
    assert serious(page) == []
    page.get_by_role("button", name="Stäng av påminnelser för den här remissen").click()
    page.wait_for_url("**/paminnelser/")
    assert page.get_by_role("button", name=f"Slå på påminnelser för {remiss.ks_dnr}")


def test_calendar_link_is_created_and_labelled(page, login, assigned):
    login("handlaggare.kultur", PASSWORD)
    page.goto("/paminnelser/")
    page.get_by_role("button", name="Skapa kalenderlänk").click()
    url = page.get_by_label("Kalenderlänk").input_value()
    assert url.endswith(".ics") and "/paminnelser/kalender/" in url
    assert serious(page) == []
