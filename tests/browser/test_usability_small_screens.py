"""At 375 px (a phone) the desk, the tracking matrix and the approve step work: nothing
wider than the screen, the main action visible and usable. Screenshots go to
docs/screenshots with UPDATE_DOC_SCREENSHOTS=1."""


import pytest
from playwright.sync_api import expect

from responses import workflow
from responses.services import start_response
from tests.browser.conftest import DOC_SCREENSHOTS

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(as_user):
    """A logged-in phone: 375 px wide, touch."""
    return lambda username: as_user(username, viewport=PHONE, is_mobile=True, has_touch=True)


def assert_fits(page, name):
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOC_SCREENSHOTS / f"mobile-{name}.png"), full_page=True)
    assert overflow <= 0, f"{name}: {overflow}px wider than a 375 px screen"


def test_desk_on_a_phone(phone, users, remiss):
    page = phone("handlaggare.kultur")
    start = page.get_by_role("button", name="Påbörja svar").first
    expect(start).to_be_visible()
    assert_fits(page, "desk")


def test_matrix_as_a_compact_list_on_a_phone(phone, users, remiss):
    page = phone("slk")
    page.goto(f"/remisser/{remiss.pk}/bevakning/")
    expect(page.locator(".slk-phone-item summary", has_text="Kulturnämnden")).to_be_visible()
    assert_fits(page, "matrix")


def test_approve_step_on_a_phone(phone, users, remiss):
    doc = start_response(remiss.recipients.get(organisation__short="kun"), users["handlaggare_a"])
    workflow.apply(doc, "skicka_till_granskning", users["handlaggare_a"])
    page = phone("granskare.kultur")
    page.goto(doc.get_absolute_url())
    approve = page.get_by_role("button", name="Godkänn och underteckna")
    approve.scroll_into_view_if_needed()
    expect(approve).to_be_visible()
    assert_fits(page, "approve")
    approve.tap()
    expect(page.get_by_test_id("doc-status")).to_contain_text("Klar för nämnd")
