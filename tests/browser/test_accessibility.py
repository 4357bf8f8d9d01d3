"""Every page of the demo, for every role, passes axe-core without serious or critical
violations. Pages are found by crawling links from the start page, so a new page is
covered as soon as something links to it."""

from urllib.parse import urldefrag, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

ROLES = ["handlaggare.kultur", "granskare.kultur", "sekreterare.kultur", "handlaggare.rinkeby",
         "slk", "admin"]
MAX_PAGES_PER_ROLE = 40
# Downloads, logout and the Django admin (not our markup) are not pages to check.
SKIP_PREFIXES = ("/admin/", "/konto/logga-ut/", "/static/", "/media/")
SKIP_SUFFIXES = (".pdf", ".csv", ".xlsx", ".zip", ".ics", ".docx", "/pdf/")
BLOCKING = {"serious", "critical"}


@pytest.fixture
def demo(db, settings, demo_clock):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


def _crawl_targets(page, base):
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    for href in hrefs:
        url, _ = urldefrag(href)
        parsed = urlparse(url)
        if parsed.netloc != urlparse(base).netloc:
            continue
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        if path.startswith(SKIP_PREFIXES) or parsed.path.endswith(SKIP_SUFFIXES):
            continue
        if "download" in path or "ladda-ner" in path:
            continue
        yield path


def _violations(page):
    results = Axe().run(page)
    return [(v["id"], v["impact"], v["help"], len(v["nodes"]))
            for v in results.response["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize("username", ROLES)
def test_every_page_passes_axe(browser, live_server, demo, username):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.goto("/konto/logga-in/")
    failures = {"/konto/logga-in/": _violations(page)}
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("remiss-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/logga-in/" not in url)

    queue, seen = ["/"], set()
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            response = page.goto(path)
        except PlaywrightError as error:
            # A link to a file download (bilaga, export) is not a page.
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or response.status >= 400 or "html" not in (
                response.headers.get("content-type", "")):
            continue
        failures[path] = _violations(page)
        queue.extend(p for p in _crawl_targets(page, live_server.url) if p not in seen)
    context.close()
    failures = {path: v for path, v in failures.items() if v}
    assert len(seen) > 1, "the crawl found no pages"
    assert not failures, f"axe violations for {username}: {failures}"
