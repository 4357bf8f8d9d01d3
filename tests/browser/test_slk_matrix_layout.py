"""The matrix page with the demo's 43 remissinstanser: on a desktop the page ends at its
footer (hidden screen-reader texts stay inside the scroll box); on a phone a compact list,
one organisation per line, whose details open on tap."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from programs.demo import seed_slk_demo
from programs.models import Remiss


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


def test_no_blank_area_below_the_footer(page, login, demo):
    remiss = Remiss.objects.get(ks_dnr="KS 2026/1204")
    assert remiss.recipients.count() >= 40
    login("slk", "remiss-demo")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/remisser/{remiss.pk}/bevakning/")
    below_footer = page.evaluate("""() => {
        const footer = document.querySelector('.site-footer').getBoundingClientRect();
        return document.documentElement.scrollHeight - (footer.bottom + window.scrollY);
    }""")
    assert below_footer <= 1, f"{below_footer}px of blank page below the footer"


def test_compact_list_on_a_phone(page, login, demo, screenshot):
    remiss = Remiss.objects.get(ks_dnr="KS 2026/1204")
    login("slk", "remiss-demo")
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"/remisser/{remiss.pk}/bevakning/")
    assert not page.locator(".slk-matrix").is_visible()
    items = page.locator(".slk-phone-item")
    assert items.count() == remiss.recipients.count()
    # One organisation per line or two: name, state and days, nothing else until tapped.
    first = items.first.locator("summary")
    line = first.evaluate("el => parseFloat(getComputedStyle(el).lineHeight) || 24")
    assert first.evaluate("el => el.getBoundingClientRect().height") <= 3 * line
    assert not items.first.get_by_text("Handläggare").is_visible()
    late = page.locator(".slk-phone-item", has_text="dagar sen").first
    late.locator("summary").click()
    assert late.get_by_text("Handläggare").is_visible()
    assert late.get_by_role("link", name="Registrera inkommet").is_visible()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert _serious(page) == []
    screenshot(page, "slk-matrix-phone")
