"""The whole handläggare journey without a mouse: only Tab, Shift+Tab, Enter, Space and typing.

Every control is reached by tabbing through the page in its real focus order, so a control
that cannot be focused, or a focus trap, fails the test.
"""

import re

from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Sammantrade
from responses.models import State, Utlatande
from tests.conftest import PASSWORD

MAX_TABS = 120


def has_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(locator) -> None:
    """Press Tab until `locator` (one element) has the keyboard focus."""
    page = locator.page
    for _ in range(MAX_TABS):
        if has_focus(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {locator} with the keyboard")


def type_date(locator, iso: str) -> None:
    """Type a date into a focused <input type=date>. Headless Chromium runs with the en-US
    UI locale, so its segments are month, day, year whatever the page's language."""
    year, month, day = iso.split("-")
    for part in (month, day, year):
        locator.page.keyboard.type(part)
    expect(locator).to_have_value(iso)


def keyboard_login(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE",
                                  timezone_id="Europe/Stockholm")
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto("/konto/logga-in/")
    tab_to(page.get_by_label("Användarnamn"))
    page.keyboard.type(username)
    tab_to(page.get_by_label("Lösenord"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/logga-in/" not in url)
    # On every page the first Tab lands on the skip link, visible when focused, and
    # Enter moves the focus to the main content.
    page.keyboard.press("Tab")
    assert has_focus(page.locator("a.skip-link"))
    expect(page.locator("a.skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert has_focus(page.locator("main"))
    return page


def press_button(page, name: str) -> None:
    tab_to(page.get_by_role("button", name=re.compile(name)).first)
    page.keyboard.press("Enter")


def test_handlaggare_journey_with_the_keyboard_only(browser, live_server, users, remiss):
    me = keyboard_login(browser, live_server, "handlaggare.kultur")

    # Start the response from the desk.
    press_button(me, "Påbörja svar")
    expect(me.get_by_role("heading", name="Redigera tjänsteutlåtande")).to_be_visible()

    # Write the sammanfattning: focus the section's text box and type.
    tab_to(me.get_by_role("textbox", name="Text i Sammanfattning"))
    me.keyboard.type("Kulturförvaltningen tillstyrker programmet.")
    # Choose the stance: Tab enters the radio group on the checked one, arrows move.
    tab_to(me.get_by_label("Inte valt ännu"))
    me.keyboard.press("ArrowDown")
    me.keyboard.press("ArrowDown")
    expect(me.get_by_label("Tillstyrker med synpunkter")).to_be_checked()
    press_button(me, "Spara och visa")
    expect(me.get_by_role("heading", level=1)).to_contain_text("Svar på remiss")

    doc = Utlatande.objects.get()
    assert "Kulturförvaltningen tillstyrker programmet." in str(doc.sections)
    assert doc.stance == "tillstyrker_med_synpunkter"

    press_button(me, "Skicka till granskning")
    expect(me.get_by_test_id("doc-status")).to_contain_text("Granskning")

    # The granskare approves, also by keyboard.
    reviewer = keyboard_login(browser, live_server, "granskare.kultur")
    reviewer.goto(doc.get_absolute_url())
    press_button(reviewer, "Godkänn och underteckna")
    expect(reviewer.get_by_test_id("doc-status")).to_contain_text("Klar för nämnd")

    # The nämndsekreterare records the decision at today's sammanträde, by keyboard; the
    # paragraph is justerad at once, as the förslag says.
    meeting = Sammantrade.objects.create(organisation=doc.organisation,
                                         date=timezone.localdate(), place="Kulturhuset")
    secretary = keyboard_login(browser, live_server, "sekreterare.kultur")
    secretary.goto(meeting.get_absolute_url())
    item = secretary.get_by_role("group", name=doc.title)
    outcome = item.get_by_label("Beslut", exact=True)
    tab_to(outcome)
    secretary.keyboard.press("ArrowDown")
    expect(outcome).to_have_value("enligt_forslag")
    tab_to(item.get_by_label("Paragraf (§)"))
    secretary.keyboard.type("§ 14")
    expect(item.get_by_label("Justeras omedelbart")).to_be_checked()
    tab_to(secretary.get_by_label("Justerare (för paragrafer som justeras omedelbart)"))
    secretary.keyboard.type("Ulla Ordförande")
    press_button(secretary, "Registrera besluten")
    expect(secretary.get_by_role("status")).to_contain_text("1 ärende är registrerat.")

    doc.refresh_from_db()
    assert doc.state == State.JUSTERAD
    assert doc.meeting_date == meeting.date and doc.paragraph == "§ 14"
