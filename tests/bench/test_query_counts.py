"""Every benchmarked page runs the same number of SQL queries in a small and a larger city.

The pages come from bench/pages.py, so a page that lands is covered without a new test;
one whose URL name does not exist yet (or that still answers 404 from a placeholder
view) is skipped. Two generated cities of different sizes (other recipients per remiss,
more remisser, more answers and drafts) must give equal counts: a query per row would
make them differ.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.pages import PAGES, Page, bench_handlaggare, bench_slk, pick_largest_open_remiss
from bench.prepare import _reverse, _url_exists, ensure_archived_pdf
from responses.citygen import generate_city

TODAY = datetime.date(2026, 11, 23)
SMALL = {"years": 1, "remisser_per_year": 12, "users_per_org": 2, "seed": 3, "today": TODAY}
LARGER = {"years": 2, "remisser_per_year": 20, "users_per_org": 3, "seed": 8, "today": TODAY}
MAX_QUERIES = 25
# Pages of the foundation: a 404 from these is a wrong pick, not a page still to come.
ALWAYS_THERE = {"desk", "detail", "program", "remiss_detail", "meeting_plan", "remiss_plans"}
# Query growth found by this test and reported to the page's owner; strict, so the test
# fails once it is fixed and the entry can go.
KNOWN_GROWTH: dict[str, str] = {}

# Queries that run only when the data has something (not once per row), checked by
# reading the captured SQL of both cities: how many such queries a page may differ by.
CONDITIONAL = {
    "answers": 1,  # the previous remiss of the same program, when there is one
    "search": 1,  # the headline query for remisser, when a remiss is among the hits
}


def _wipe():
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE organisations_organisation, programs_program CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _counts(pages) -> dict[str, int | None]:
    """Queries per page; None for a page that answers 404 (a placeholder view)."""
    users = {"handlaggare": bench_handlaggare(), "slk": bench_slk()}
    counts = {}
    for page in pages:
        url_name = next(n for n in page.url_names if _url_exists(n))
        user = users[page.role]
        if page.key == "pdf":
            ensure_archived_pdf()
        kwargs = page.pick(user)
        user = kwargs.pop("_user", user)
        path = _reverse(url_name, kwargs) + (f"?{page.query}" if page.query else "")
        client = Client()
        client.force_login(user)
        client.get(path)  # warm the per-process caches (content types, templates)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code == 404 and page.key not in ALWAYS_THERE:
            counts[page.key] = None
            continue
        assert response.status_code == 200, f"{page.key}: HTTP {response.status_code}"
        counts[page.key] = len(queries)
    return counts


def _own_organisation(user) -> dict:
    return {"short": user.organisation.short}


# List pages that are not benchmarked but must not grow either: the remiss page with its
# recipients, the meeting plan of an organisation and the plans of one remiss's recipients.
LIST_PAGES = [
    Page("remiss_detail", "Remiss", ("programs:remiss_detail",), "slk", pick_largest_open_remiss),
    Page("meeting_plan", "Planering", ("meetings:plan",), "handlaggare", _own_organisation),
    Page("remiss_plans", "Planering per remiss", ("meetings:remiss_plans",), "slk",
         pick_largest_open_remiss),
]
ALL_PAGES = [*PAGES, *LIST_PAGES]
LANDED = [p for p in ALL_PAGES if any(_url_exists(n) for n in p.url_names)]


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """Both cities' counts, measured once for all pages, in a transaction rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        generate_city(**SMALL)
        small = _counts(LANDED)
        _wipe()
        generate_city(**LARGER)
        larger = _counts(LANDED)
        transaction.set_rollback(True)
    return small, larger


@pytest.mark.django_db  # also makes pytest-django set up the test database for the fixture
@pytest.mark.parametrize("key", [p.key for p in ALL_PAGES])
def test_query_count_does_not_grow_with_the_data(counts, key, request):
    small, larger = counts
    if key not in small or small[key] is None:
        pytest.skip(f"{key}: saknas ännu")
    if key in KNOWN_GROWTH:
        request.applymarker(pytest.mark.xfail(strict=True, reason=KNOWN_GROWTH[key]))
    assert abs(larger[key] - small[key]) <= CONDITIONAL.get(key, 0), (small[key], larger[key])
    assert max(small[key], larger[key]) <= MAX_QUERIES
