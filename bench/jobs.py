"""Background work timed by `make bench`: the reminder sweep, a 10-page PDF, a
50-document justering export, the largest accepted document (render and diff). Run by
bench/run.py against the 10-year city.

Everything happens in transactions that are rolled back, so the cached city stays as
generated. Prints one JSON line: {"sweep_s", "pdf_10_pages_s", "export_50_s",
"largest_document_render_s", "largest_document_diff_s", "notes"};
a figure whose feature has not landed is null with a note saying why.
"""

import datetime
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remiss.settings")

DUE = 1000
TARGET_PAGES = 10


class Rollback(Exception):
    """Raised to leave a transaction.atomic block without keeping its writes."""


def sweep_seconds() -> float:
    """Every recipient row open with a scheduled reminder; DUE of them due now."""
    from django.db import connection, transaction
    from django.utils import timezone

    from programs.models import Recipient, Remiss, RemissStatus
    from reminders import sweep

    now = timezone.now()
    result = {}
    try:
        with transaction.atomic():
            Remiss.objects.update(status=RemissStatus.UTSKICKAD, closed_at=None)
            Recipient.objects.update(next_reminder_at=now + datetime.timedelta(days=30))
            due = list(Recipient.objects.awaiting_answer()
                       .order_by("pk").values_list("pk", flat=True)[:DUE])
            Recipient.objects.filter(pk__in=due).update(
                next_reminder_at=now - datetime.timedelta(hours=1))
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE programs_recipient")
            started = time.perf_counter()
            outcome = sweep.sweep(now, dispatch=False)
            result["seconds"] = time.perf_counter() - started
            result["rows"] = outcome.recipients
            raise Rollback
    except Rollback:
        pass
    if result["rows"] != len(due):
        raise RuntimeError(f"the sweep read {result['rows']} rows, expected {len(due)}")
    return result["seconds"]


def pdf_seconds() -> float:
    """Mean of three renders (after a warm-up) of a 10-page tjänsteutlåtande, as the PDF
    issue's own bench function builds it."""
    from responses.pdf import bench  # the PDF issue's timings

    result = bench.time_render_10_pages()
    if result["pages"] < TARGET_PAGES - 1:
        raise RuntimeError(f"the document had {result['pages']} pages")
    return result["mean"]


def export_seconds() -> float:
    """One combined justering PDF of 50 documents (the export task's body, no broker)."""
    from responses.pdf import bench

    result = bench.time_export_50()
    if result["status"] != "done":
        raise RuntimeError(f"export ended as {result['status']}")
    return result["seconds"]


def largest_render_seconds() -> float:
    """The largest document the editor accepts, to PDF (what the draft task does)."""
    from bench.largest_document import time_largest_document

    return time_largest_document(diff=False)["render_s"]


def largest_diff_seconds() -> float:
    """The same document compared with a version where every fifth paragraph changed."""
    from bench.largest_document import time_largest_document

    return time_largest_document(render=False)["diff_s"]


def main(only: str | None = None) -> None:
    import django

    django.setup()
    figures, notes = {}, {}
    jobs = (("sweep_s", sweep_seconds), ("pdf_10_pages_s", pdf_seconds),
            ("export_50_s", export_seconds),
            ("largest_document_render_s", largest_render_seconds),
            ("largest_document_diff_s", largest_diff_seconds))
    for key, fn in (job for job in jobs if only in (None, job[0])):
        try:
            figures[key] = round(fn(), 3)
        except ImportError as exc:
            figures[key] = None
            notes[key] = f"saknas ({exc.name or exc})"
        except Exception as exc:  # report, do not abort the benchmark
            figures[key] = None
            notes[key] = f"fel: {type(exc).__name__}: {exc}"
    print(json.dumps({**figures, "notes": notes}))


if __name__ == "__main__":
    # `jobs.py sweep_s` times the sweep alone (on the 1-year city, for the scaling check).
    main(sys.argv[1] if len(sys.argv) > 1 else None)
