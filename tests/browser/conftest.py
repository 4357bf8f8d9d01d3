"""Playwright in Debian's Chromium against pytest-django's live_server.

Never `playwright install`: the browser is /usr/bin/chromium (installed by the Makefile).
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# live server's test thread are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# Screenshots are test artefacts in the run's own folder (TEST_VAR). The README's pictures
# in docs/screenshots are refreshed only on request (UPDATE_DOC_SCREENSHOTS=1): a test run
# never changes the checkout.
ARTIFACTS = Path(os.environ.get("REMISS_VAR_DIR")
                 or Path(__file__).resolve().parents[2] / "var" / "test") / "screenshots"
DOC_SCREENSHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
                   if os.environ.get("UPDATE_DOC_SCREENSHOTS") == "1" else ARTIFACTS)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium saknas: kör make test (installerar paketet chromium).")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def plain_static_names(settings):
    """live_server serves /static/ through the finders, which do not know the manifest's
    hashed names: without this every script and stylesheet is a 404 in the browser. Tests
    with several users and logins also get a fast hasher, to keep the machine free for the
    browser (they are not about password storage)."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(page, username, password, *, timeout=None):
    """Log in through the real login form and wait until it has let go of the page."""
    page.goto("/konto/logga-in/", timeout=timeout)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/logga-in/" not in url)
    return page


@pytest.fixture
def as_user(browser, live_server):
    """A fresh logged-in browser context per person: as_user("handlaggare.kultur"); context
    options (a phone's viewport, touch) go to Playwright's new_context."""
    from tests.conftest import PASSWORD

    contexts = []

    def open_as(username, password=PASSWORD, **context_options):
        context = browser.new_context(base_url=live_server.url, locale="sv-SE",
                                      timezone_id="Europe/Stockholm", **context_options)
        context.set_default_timeout(30_000)
        contexts.append(context)
        return log_in(context.new_page(), username, password, timeout=60_000)

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE",
                                  timezone_id="Europe/Stockholm")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log in through the real login form."""

    def do_login(username, password, target_page=None):
        return log_in(target_page or page, username, password)

    return do_login


@pytest.fixture
def screenshot():
    """Save a screenshot as a test artefact under var/test/screenshots/."""

    def shoot(page, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot


@pytest.fixture
def held_meeting(orgs, users, program):
    """held_meeting(titles, first_number, points=None): yesterday's sammanträde of
    Kulturnämnden with one answer klar för nämnd per title, each answering its own remiss;
    `points` replaces the answers' förslag till beslut."""
    import datetime

    from django.utils import timezone

    from meetings.models import Sammantrade
    from programs.models import Recipient, Remiss, RemissStatus
    from responses.models import State, Utlatande, UtlatandeRecipient

    def make(titles, first_number, points=None):
        today = timezone.localdate()
        meeting = Sammantrade.objects.create(organisation=orgs["kun"],
                                             date=today - datetime.timedelta(days=1),
                                             time=datetime.time(16), place="Kulturhuset")
        for number, title in enumerate(titles, start=first_number):
            remiss = Remiss.objects.create(
                program=program, title=title, ks_dnr=f"KS 2026/{number}",
                remiss_date=today - datetime.timedelta(days=60),
                deadline=today + datetime.timedelta(days=20), sender=orgs["ks"],
                status=RemissStatus.UTSKICKAD, sent_at=timezone.now())
            recipient = Recipient.objects.create(remiss=remiss, organisation=orgs["kun"])
            answer = Utlatande.objects.create(
                organisation=orgs["kun"], till=orgs["kun"].name,
                title=f"{title}. Svar på remiss från kommunstyrelsen",
                state=State.KLAR_FOR_NAMND,
                decision_points=points or [
                    "Kulturnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar "
                    "det till kommunstyrelsen som svar på remissen."])
            UtlatandeRecipient.objects.create(utlatande=answer, recipient=recipient)
        return meeting

    return make
