"""Exports for justering: one combined PDF (cover page + documents) or a ZIP of PDFs
with a manifest, built by a Celery task that reports progress on the ExportJob row.
"""

import csv
import hashlib
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pypdf import PdfWriter

from organisations.models import Role
from responses.models import PUBLIC_STATES, ExportJob, State, Utlatande
from responses.selectors import visible_utlatanden

from .render import html_to_pdf, render_pdf

KIND_PDF = "justering_pdf"
KIND_ZIP = "justering_zip"
KIND_SAMMANSTALLNING = "sammanstallning_pdf"
FORMATS = {"pdf": KIND_PDF, "zip": KIND_ZIP}
KINDS = (KIND_PDF, KIND_ZIP, KIND_SAMMANSTALLNING)
# What a nämnd has on its table or has decided: the documents a justering concerns.
EXPORT_STATES = (State.KLAR_FOR_NAMND, State.BESLUTAD, State.JUSTERAD, State.BESVARAD)
MAX_DOCUMENTS = 500


def may_export(user) -> bool:
    return user.is_authenticated and (
        user.is_administrator or user.role == Role.NAMNDSEKRETERARE)


def candidates(user, *, organisation_id=None, meeting_date=None,
               state=None) -> QuerySet[Utlatande]:
    """The documents this user may put in a justering export, filtered by meeting/state."""
    if not may_export(user):
        return Utlatande.objects.none()
    qs = visible_utlatanden(user).filter(state__in=EXPORT_STATES)
    if not user.is_administrator:
        organisation_id = user.organisation_id  # a nämndsekreterare exports for the own nämnd
    if organisation_id:
        qs = qs.filter(Q(organisation_id=organisation_id)
                       | Q(links__recipient__organisation_id=organisation_id)).distinct()
    if meeting_date:
        # What the meeting decided: its paragraphs (meetings.Arende, reverse name
        # `arenden`) with a decision, in one filter so that one paragraph matches both.
        from meetings.models import DECIDED_OUTCOMES  # the one definition of "decided"

        qs = qs.filter(arenden__meeting__date=meeting_date,
                       arenden__outcome__in=DECIDED_OUTCOMES)
    if state:
        qs = qs.filter(state=state)
    return qs.annotate(meeting_day=Max("arenden__meeting__date"),
                       paragraph_no=Max("arenden__paragraph")).order_by(
        "meeting_day", "paragraph_no", "own_dnr", "pk")


def create_export(*, user, ids, fmt: str) -> ExportJob:
    """Queue an export of the given documents; every id must be one the user may export."""
    if not may_export(user):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise ValidationError(_("Välj PDF eller ZIP."), code="bad_format")
    ids = sorted({int(i) for i in ids})
    if not ids:
        raise ValidationError(_("Välj minst ett tjänsteutlåtande."), code="empty")
    if len(ids) > MAX_DOCUMENTS:
        raise ValidationError(_("Högst %(n)s dokument per export.") % {"n": MAX_DOCUMENTS},
                              code="too_many")
    allowed = set(candidates(user).filter(pk__in=ids).values_list("pk", flat=True))
    if allowed != set(ids):
        raise PermissionDenied
    return ExportJob.objects.create(kind=FORMATS[fmt], params={"ids": ids}, created_by=user,
                                    total=len(ids))


def may_compile(user) -> bool:
    """The remissammanställning is stadsledningskontoret's (and the administrators')."""
    return user.is_authenticated and (user.is_administrator or user.is_slk)


def sammanstallning_documents(user, remiss) -> QuerySet[Utlatande]:
    """The answers to one remiss that are allmänna handlingar, by remissinstans."""
    if not may_compile(user):
        return Utlatande.objects.none()
    return (visible_utlatanden(user)
            .filter(links__recipient__remiss=remiss, links__is_active=True,
                    state__in=PUBLIC_STATES)
            .distinct().order_by("organisation__name", "pk"))


def create_sammanstallning(*, user, remiss) -> ExportJob:
    if not may_compile(user):
        raise PermissionDenied
    ids = list(sammanstallning_documents(user, remiss).values_list("pk", flat=True))
    if not ids:
        raise ValidationError(_("Remissen har inga beslutade svar ännu."), code="empty")
    return ExportJob.objects.create(kind=KIND_SAMMANSTALLNING, created_by=user, total=len(ids),
                                    params={"ids": ids, "remiss": remiss.pk})


def _job_documents(job: ExportJob) -> list[Utlatande]:
    """The job's documents, with permissions checked again now (access may have changed)."""
    ids = job.params.get("ids", [])
    if job.kind == KIND_SAMMANSTALLNING:
        if not may_compile(job.created_by):
            return []
        return list(visible_utlatanden(job.created_by).filter(pk__in=ids, state__in=PUBLIC_STATES)
                    .order_by("organisation__name", "pk"))
    # The nämnd's paragraph of each answer (Utlatande.decision) in two queries, not 2 × n.
    return list(candidates(job.created_by).filter(pk__in=ids)
                .prefetch_related("arenden__meeting"))


def job_remiss(job: ExportJob):
    """The remiss a remissammanställning is of (None for other exports)."""
    from programs.models import Remiss

    if job.kind != KIND_SAMMANSTALLNING:
        return None
    return Remiss.objects.filter(pk=job.params.get("remiss")).first()


def _job_title(job: ExportJob) -> str:
    if job.kind == KIND_SAMMANSTALLNING:
        remiss = job_remiss(job)
        if remiss:
            return _("Remissammanställning: %(title)s (%(dnr)s)") % {
                "title": remiss.title, "dnr": remiss.ks_dnr}
        return _("Remissammanställning")
    return _("Tjänsteutlåtanden för justering")


def document_pdf(utlatande: Utlatande) -> bytes:
    """The archived bytes when the document is archived, else a fresh render."""
    if utlatande.archived_pdf:
        with utlatande.archived_pdf.open("rb") as handle:
            return handle.read()
    return render_pdf(utlatande)


def _file_name(index: int, utlatande: Utlatande) -> str:
    stem = slugify(f"{utlatande.own_dnr} {utlatande.title}")[:80] or f"utlatande-{utlatande.pk}"
    return f"{index:02d}-{stem}.pdf"


def _write_atomically(job: ExportJob, suffix: str, write) -> tuple[str, str]:
    """Write through a temporary file in the target folder, then rename into place."""
    storage = job.file.storage
    name = storage.get_available_name(job.file.field.generate_filename(
        job, f"justering-{job.pk}{suffix}"))
    path = Path(storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        with open(tmp, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return name, digest.hexdigest()


def _progress(job: ExportJob, done: int) -> None:
    ExportJob.objects.filter(pk=job.pk).update(progress=done)


def cover_pdf(items, *, title: str, sammanstallning: bool = False) -> bytes:
    html = render_to_string("responses/pdf/cover.html", {
        "items": items, "title": title, "created": timezone.localtime(),
        "sammanstallning": sammanstallning})
    return html_to_pdf(html)


def run_export_job(job: ExportJob) -> ExportJob:
    """Build the export file; progress counts documents done; the file appears only whole."""
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=0)
    try:
        documents = _job_documents(job)
        ExportJob.objects.filter(pk=job.pk).update(total=len(documents))
        items = []
        for index, utlatande in enumerate(documents, start=1):
            data = document_pdf(utlatande)
            items.append({"utlatande": utlatande, "data": data,
                          "sha256": hashlib.sha256(data).hexdigest(),
                          "filename": _file_name(index, utlatande)})
            _progress(job, index)
        title = _job_title(job)
        compiled = job.kind == KIND_SAMMANSTALLNING
        if job.kind == KIND_ZIP:
            name, digest = _write_atomically(job, ".zip", lambda h: _write_zip(h, items))
        else:
            name, digest = _write_atomically(
                job, ".pdf", lambda h: _write_combined(h, items, title, compiled))
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.DONE, file=name, sha256=digest, finished_at=timezone.now())
    except Exception as error:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, finished_at=timezone.now(),
            error=_("Exporten kunde inte skapas: %(error)s") % {"error": error})
        raise
    finally:
        job.refresh_from_db()
    return job


def _write_combined(handle, items, title, compiled=False) -> None:
    writer = PdfWriter()
    # One bookmark per document (and the cover), not every heading of every document.
    writer.append(io.BytesIO(cover_pdf(items, title=title, sammanstallning=compiled)),
                  outline_item=_("Försättsblad"), import_outline=False)
    for item in items:
        utlatande = item["utlatande"]
        if compiled:
            label = utlatande.organisation.name
        elif utlatande.paragraph:
            label = f"§ {utlatande.paragraph} {utlatande.title}"
        else:
            label = utlatande.title
        writer.append(io.BytesIO(item["data"]), outline_item=label, import_outline=False)
    writer.add_metadata({"/Title": title, "/Producer": "Remiss, Stockholms stad"})
    writer.write(handle)


MANIFEST_FIELDS = ["fil", "dnr", "rubrik", "paragraf", "sammantradesdatum", "status", "sha256"]


def _write_zip(handle, items) -> None:
    manifest = io.StringIO()
    writer = csv.writer(manifest, delimiter=";", lineterminator="\r\n")
    writer.writerow(MANIFEST_FIELDS)
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            utlatande = item["utlatande"]
            archive.writestr(item["filename"], item["data"])
            writer.writerow([item["filename"], utlatande.own_dnr,
                             _one_line(utlatande.title), utlatande.paragraph,
                             utlatande.meeting_date.isoformat() if utlatande.meeting_date
                             else "", utlatande.state, item["sha256"]])
        # UTF-8 with BOM so Excel opens å, ä and ö correctly.
        archive.writestr("manifest.csv", "\ufeff" + manifest.getvalue())


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
