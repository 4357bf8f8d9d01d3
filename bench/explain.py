"""The slowest SQL of each benchmarked page, with its PostgreSQL plan.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/remiss_bench DEBUG=0 SECRET_KEY=x \\
        ALLOWED_HOSTS=testserver .venv/bin/python bench/explain.py [page key ...]

Requests each page once in-process as its bench user, times every statement, and prints
EXPLAIN (ANALYZE, BUFFERS) for the slowest ones (read-only pages: ANALYZE runs them).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remiss.settings")

SHOW = 3


def main(keys: list[str]) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import PAGES
    from bench.prepare import prepare

    pages = [p for p in PAGES if not keys or p.key in keys]
    for page, entry in zip(pages, prepare(pages), strict=True):
        print(f"\n=== {page.key}: {entry['status']} {entry['path'] or ''}")
        if entry["status"] != "ok":
            continue
        client = Client()
        client.cookies.load(entry["cookie"])
        client.get(entry["path"])
        with CaptureQueriesContext(connection) as captured:
            status = client.get(entry["path"]).status_code
        total = sum(float(q["time"]) for q in captured.captured_queries)
        print(f"HTTP {status}, {len(captured)} queries, {total * 1000:.1f} ms in SQL")
        slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:SHOW]
        for query in slowest:
            sql = query["sql"]
            print(f"\n--- {float(query['time']) * 1000:.1f} ms: {sql[:300]}")
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main(sys.argv[1:])
