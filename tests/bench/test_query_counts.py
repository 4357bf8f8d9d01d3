"""Every benchmarked page runs the same number of SQL queries in a small and a larger city.

The pages come from bench/pages.py, so a page that lands is covered without a new test;
one whose URL name does not exist yet is skipped. Two generated cities of different
sizes (other recipients per remiss, more remisser, more answers) must give equal counts:
a query per row would make them differ.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.pages import PAGES, bench_handlaggare, bench_slk
from bench.prepare import _reverse, _url_exists, ensure_archived_pdf
from programs.citygen import generate_city

TODAY = datetime.date(2026, 11, 23)
SMALL = {"years": 1, "remisser_per_year": 12, "users_per_org": 2, "seed": 3, "today": TODAY}
LARGER = {"years": 2, "remisser_per_year": 20, "users_per_org": 3, "seed": 8, "today": TODAY}
MAX_QUERIES = 25


def _wipe():
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE organisations_organisation, programs_program CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _counts(pages) -> dict[str, int]:
    users = {"handlaggare": bench_handlaggare(), "slk": bench_slk()}
    counts = {}
    for page in pages:
        url_name = next(n for n in page.url_names if _url_exists(n))
        user = users[page.role]
        if page.key == "pdf":
            ensure_archived_pdf()
        path = _reverse(url_name, page.pick(user)) + (f"?{page.query}" if page.query else "")
        client = Client()
        client.force_login(user)
        client.get(path)  # warm the per-process caches (content types, templates)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, f"{page.key}: HTTP {response.status_code}"
        counts[page.key] = len(queries)
    return counts


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data():
    pages = [p for p in PAGES if any(_url_exists(n) for n in p.url_names)]
    if not pages:
        pytest.skip("inga sidor att mäta ännu")
    generate_city(**SMALL)
    small = _counts(pages)
    _wipe()
    generate_city(**LARGER)
    larger = _counts(pages)
    assert larger == small
    assert max(small.values()) <= MAX_QUERIES, small
