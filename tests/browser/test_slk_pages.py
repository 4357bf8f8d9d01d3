"""SLK's pages on the demo city: no serious axe violations, a sticky matrix header with
60 recipients, search snippets in the browser."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from organisations.models import Organisation, OrganisationKind
from programs.demo import seed_slk_demo
from programs.models import AnstandRequest, AnstandStatus, Program, Recipient, Remiss, RemissStatus
from tests.browser.lines import most_lines_per_cell


@pytest.fixture
def demo(db, settings, demo_clock):
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


def test_slk_pages_pass_axe(page, login, demo, screenshot):
    login("slk", "remiss-demo")
    program = Program.objects.get()
    answered = Remiss.objects.get(ks_dnr="174-742/2016")
    pending = AnstandRequest.objects.get(status=AnstandStatus.BEGARD)
    miljo = Remiss.objects.get(ks_dnr="KS 2026/1204")
    urls = {
        "overview": "/remisser/",
        "form": "/remisser/ny/",
        "program": f"/remisser/program/{program.pk}/",
        "matrix": f"/remisser/{miljo.pk}/bevakning/",
        "answers": f"/remisser/{answered.pk}/svar/",
        "search": "/remisser/sok/?q=remisserna",
        "anstand": f"/remisser/anstand/{pending.pk}/",
        "detail": miljo.get_absolute_url(),
    }
    failures = {}
    for name, url in urls.items():
        response = page.goto(url)
        assert response.status == 200, url
        failures[name] = _serious(page)
        screenshot(page, f"slk-page-{name}")
    assert failures == {name: [] for name in urls}
    page.goto(urls["search"])
    assert page.locator(".slk-search-results mark").count() > 0


def test_matrix_header_stays_in_view_with_60_recipients(page, login, demo):
    remiss = Remiss.objects.get(ks_dnr="KS 2026/1422")
    existing = remiss.recipients.count()
    for i in range(max(0, 60 - existing)):
        org = Organisation.objects.create(short=f"extra{i}", name=f"Extra nämnd {i:02d}",
                                          forvaltning=f"Extra förvaltning {i}",
                                          kind=OrganisationKind.FACKNAMND)
        Recipient.objects.create(remiss=remiss, organisation=org)
    login("slk", "remiss-demo")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/remisser/{remiss.pk}/bevakning/")
    rows = page.locator(".slk-matrix tbody tr")
    assert rows.count() >= 60
    wrap = page.locator(".slk-matrix-wrap")
    wrap.scroll_into_view_if_needed()
    wrap.evaluate("el => { el.scrollTop = 1200; }")
    header_top = page.locator(".slk-matrix thead th").first.evaluate(
        "el => el.getBoundingClientRect().top")
    wrap_top = wrap.evaluate("el => el.getBoundingClientRect().top")
    assert abs(header_top - wrap_top) < 3
    # Compact rows: no cell wraps to more than four lines of text (state, dates, the next
    # milestone and its flag), in lines, not pixels: fonts differ between machines.
    lines = [most_lines_per_cell(rows.nth(i)) for i in range(rows.count())]
    assert max(lines) <= 4, lines
    # A plan flag's explanation is one click away.
    flag = rows.nth(0).locator(".plan-flag details").first
    assert not flag.locator(".plan-flag__why").is_visible()
    flag.locator("summary").click()
    assert flag.locator(".plan-flag__why").is_visible()


def test_program_page_pages_the_answers_and_the_index_finds_each_remiss(page, login, demo):
    """With more remisser than fit on a page, the year list still reaches every remiss."""
    program = Program.objects.get()
    oldest = Remiss.objects.filter(program=program).order_by("remiss_date").first()
    for year in (2023, 2024, 2025):
        Remiss.objects.create(
            program=program, title=f"Uppföljning {year}", ks_dnr=f"KS {year}/77",
            remiss_date=datetime.date(year, 3, 1), deadline=datetime.date(year, 5, 1),
            sender=oldest.sender, status=RemissStatus.AVSLUTAD)
    login("slk", "remiss-demo")
    page.goto(f"/remisser/program/{program.pk}/")
    heading = page.locator(f"#remiss-{oldest.pk}-h")
    assert heading.count() == 0  # the oldest remiss's answers are on a later page
    assert page.get_by_role("link", name="Äldre remisser").is_visible()
    page.get_by_role("link", name=f"{oldest.remiss_date:%Y}: {oldest.title}").click()
    heading.wait_for()
    assert heading.is_visible() and "sida=" in page.url
    assert page.get_by_role("link", name="Nyare remisser").is_visible()
