"""Background work timed by `make bench`: the reminder sweep, a 10-page PDF, a
50-document justering export. Run by bench/run.py against the 10-year city.

Everything happens in transactions that are rolled back, so the cached city stays as
generated. Prints one JSON line: {"sweep_s", "pdf_10_pages_s", "export_50_s", "notes"};
a figure whose feature has not landed is null with a note saying why.
"""

import datetime
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remiss.settings")

DUE = 1000
TARGET_PAGES = 10
EXPORT_DOCUMENTS = 50


class Rollback(Exception):
    """Raised to leave a transaction.atomic block without keeping its writes."""


def timed(fn, repeat: int = 3) -> float:
    """The median of `repeat` runs after one warm-up run."""
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


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
            due = list(Recipient.objects.filter(declined=False, answered_at__isnull=True)
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


def _ten_page_sections(utlatande, render_pdf) -> int:
    """Repeat the synpunkter (in memory only) until the PDF has TARGET_PAGES pages."""
    from pypdf import PdfReader

    sections = [dict(s) for s in utlatande.sections]
    body, copies, pages = sections[-1]["html"], 4, 0
    for _ in range(8):
        sections[-1]["html"] = body * copies
        utlatande.sections = sections
        pages = len(PdfReader(io.BytesIO(render_pdf(utlatande))).pages)
        if pages == TARGET_PAGES:
            break
        copies = max(1, copies + (1 if pages < TARGET_PAGES else -1)
                     if abs(pages - TARGET_PAGES) <= 1
                     else round(copies * TARGET_PAGES / pages))
    return pages


def pdf_seconds() -> float:
    from responses.models import State, Utlatande
    from responses.pdf import render  # the PDF issue's renderer

    render_pdf = render.render_pdf

    utlatande = Utlatande.objects.filter(state=State.BESVARAD).order_by("pk").first()
    pages = _ten_page_sections(utlatande, render_pdf)
    if pages != TARGET_PAGES:
        raise RuntimeError(f"could not make a {TARGET_PAGES}-page document ({pages} pages)")
    return timed(lambda: render_pdf(utlatande, archival=True))


def export_seconds() -> float:
    """One combined justering PDF (cover page + 50 documents), as the export task builds it.

    The documents are a nämnd's besvarade answers without an archived PDF, so each one is
    rendered: the worst case, as before justering nothing is archived yet.
    """
    from django.db import transaction

    from organisations.models import User
    from responses.models import State
    from responses.pdf import exports  # the justering export of the PDF issue

    user = User.objects.filter(role="administrator").order_by("pk").first()
    organisation = (exports.candidates(user).filter(state=State.BESVARAD)
                    .values_list("organisation_id", flat=True).first())
    ids = list(exports.candidates(user, organisation_id=organisation)
               .values_list("pk", flat=True)[:EXPORT_DOCUMENTS])
    if len(ids) != EXPORT_DOCUMENTS:
        raise RuntimeError(f"only {len(ids)} documents to export")
    result = {}
    try:
        with transaction.atomic():
            job = exports.create_export(user=user, ids=ids, fmt="pdf")
            started = time.perf_counter()
            job = exports.run_export_job(job)
            result["seconds"] = time.perf_counter() - started
            result["status"], result["file"] = job.status, job.file
            raise Rollback
    except Rollback:
        pass
    if result["file"]:
        result["file"].storage.delete(result["file"].name)
    if result["status"] != "done":
        raise RuntimeError(f"export ended as {result['status']}")
    return result["seconds"]


def main() -> None:
    import django

    django.setup()
    figures, notes = {}, {}
    for key, fn in (("sweep_s", sweep_seconds), ("pdf_10_pages_s", pdf_seconds),
                    ("export_50_s", export_seconds)):
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
    main()
