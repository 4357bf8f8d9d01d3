"""PDF download, print preview, and the justering export pages.

Every read goes through visible_utlatanden(), so a draft is only ever shown to the
members of its organisation(s).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.models import Organisation
from programs.selectors import visible_remisser
from remiss.downloads import attachment_response
from remiss.uploads import PDF
from responses.models import LOCKED_STATES, ExportJob, State
from responses.selectors import visible_utlatanden

from . import exports
from .archive import archive_final_pdf
from .drafts import KIND_DRAFT, draft_pdf_job, wait_for
from .layout import document_context
from .tasks import render_draft, run_export


def _pdf_filename(utlatande) -> str:
    return (slugify(f"tjansteutlatande {utlatande.own_dnr} {utlatande.pk}") or "utlatande") \
        + ".pdf"


@login_required
@transaction.non_atomic_requests
def pdf_download(request, pk):
    """The PDF of a tjänsteutlåtande: the archived bytes once justerad; a draft's is rendered
    by a worker (drafts.py) and downloads at once when ready, else the progress page shows.

    Not one transaction: the job row must be visible to the worker while the request waits.
    """
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    if utlatande.state in LOCKED_STATES and not utlatande.archived_sha256:
        # The worker has not archived it yet (or was down): archive now, once.
        archive_final_pdf(utlatande)
    if utlatande.archived_pdf:
        response = attachment_response(utlatande.archived_pdf, _pdf_filename(utlatande), PDF)
        response["X-Checksum-SHA256"] = utlatande.archived_sha256
        return response
    job, created = draft_pdf_job(utlatande=utlatande, user=request.user)
    if created:
        render_draft.delay(job.pk)
    job = wait_for(job)
    if job.status != ExportJob.Status.DONE:
        return redirect("responses:export_detail", pk=job.pk)
    return _draft_response(job, utlatande)


def _draft_response(job, utlatande) -> HttpResponse:
    with job.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=PDF)
    response["Content-Disposition"] = f'attachment; filename="{_pdf_filename(utlatande)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def print_preview(request, pk):
    """The document as it prints, from the PDF's own template.

    Template: responses/pdf/preview.html (includes responses/pdf/_document.html).
    """
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    context = document_context(
        utlatande, logo_src=lambda party: reverse("responses:pdf_logo", args=[party.short]))
    return render(request, "responses/pdf/preview.html", context)


@login_required
def logo(request, short):
    """An organisation's logo for the print preview (logos are public, as on paper)."""
    organisation = get_object_or_404(Organisation, short=short)
    if not organisation.logo:
        raise Http404
    try:
        handle = organisation.logo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _parse_date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def export_start(request):
    """Choose documents (by sammanträde or state) and a format; POST queues the export.

    Template: responses/pdf/export_start.html.
    """
    if not exports.may_export(request.user):
        raise PermissionDenied
    user = request.user
    source = request.POST if request.method == "POST" else request.GET
    organisation_id = source.get("organisation") if user.is_administrator else None
    if organisation_id and not str(organisation_id).isdigit():
        organisation_id = None
    meeting_date = _parse_date(source.get("meeting_date", ""))
    state = source.get("state") if source.get("state") in exports.EXPORT_STATES else ""
    errors = []
    if source.get("meeting_date") and meeting_date is None:
        errors.append(_("Ange sammanträdesdatum som ÅÅÅÅ-MM-DD, till exempel 2026-11-19."))
    documents = exports.candidates(user, organisation_id=organisation_id,
                                   meeting_date=meeting_date, state=state)
    chosen = {int(i) for i in request.POST.getlist("ids") if i.isdigit()}
    fmt = source.get("format", "pdf")
    if request.method == "POST" and not errors:
        try:
            with transaction.atomic():
                job = exports.create_export(user=user, ids=chosen, fmt=fmt)
                transaction.on_commit(lambda: run_export.delay(job.pk))
        except ValidationError as error:
            errors.extend(error.messages)
        else:
            messages.success(request, _("Exporten har startat."))
            return redirect("responses:export_detail", pk=job.pk)
    return render(request, "responses/pdf/export_start.html", {
        "documents": documents[:exports.MAX_DOCUMENTS],
        "chosen": chosen,
        "errors": errors,
        "organisations": Organisation.objects.all() if user.is_administrator else None,
        "organisation_id": int(organisation_id) if organisation_id else None,
        "meeting_date": source.get("meeting_date", ""),
        "state": state,
        "states": [(s, State(s).label) for s in exports.EXPORT_STATES],
        "format": fmt if fmt in exports.FORMATS else "pdf",
        "jobs": ExportJob.objects.filter(created_by=user, kind__in=exports.KINDS)[:10],
    })


@login_required
@require_http_methods(["GET", "POST"])
def sammanstallning(request, remiss_pk):
    """All decided answers to one remiss as one PDF (for stadsledningskontoret).

    Template: responses/pdf/sammanstallning.html.
    """
    if not exports.may_compile(request.user):
        raise PermissionDenied
    remiss = get_object_or_404(visible_remisser(request.user), pk=remiss_pk)
    errors = []
    if request.method == "POST":
        try:
            with transaction.atomic():
                job = exports.create_sammanstallning(user=request.user, remiss=remiss)
                transaction.on_commit(lambda: run_export.delay(job.pk))
        except ValidationError as error:
            errors.extend(error.messages)
        else:
            messages.success(request, _("Sammanställningen har startat."))
            return redirect("responses:export_detail", pk=job.pk)
    return render(request, "responses/pdf/sammanstallning.html", {
        "remiss": remiss, "errors": errors,
        "documents": exports.sammanstallning_documents(request.user, remiss)})


def _job_for(request, pk) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=pk, kind__in=(*exports.KINDS, KIND_DRAFT))
    if job.created_by_id != request.user.pk and not request.user.is_administrator:
        raise Http404
    return job


def _status(job: ExportJob) -> dict:
    return {
        "status": job.status,
        "status_display": str(job.get_status_display()),
        "progress": job.progress,
        "total": job.total,
        "done": job.status == ExportJob.Status.DONE,
        "failed": job.status == ExportJob.Status.FAILED,
        "error": job.error,
        "download_url": reverse("responses:export_download", args=[job.pk])
        if job.status == ExportJob.Status.DONE and job.file else "",
        "sha256": job.sha256,
    }


@login_required
def export_detail(request, pk):
    """Progress of one export; reloads itself without JS, polls export_status with JS.

    Template: responses/pdf/export_detail.html.
    """
    job = _job_for(request, pk)
    return render(request, "responses/pdf/export_detail.html", {
        "job": job, "status": _status(job),
        "remiss": exports.job_remiss(job) if job.kind == exports.KIND_SAMMANSTALLNING else None})


@login_required
def export_status(request, pk):
    """JSON for the progress bar."""
    response = JsonResponse(_status(_job_for(request, pk)))
    response["Cache-Control"] = "no-store"
    return response


def _download_name(job: ExportJob) -> str:
    """remissammanstallning-<dnr>-<date>.pdf for a compilation, else justering-<n>."""
    if job.kind == exports.KIND_SAMMANSTALLNING:
        remiss = exports.job_remiss(job)
        if remiss is not None:
            return remiss.compilation_file_name("pdf")
        return f"remissammanstallning-{job.pk}.pdf"
    return f"justering-{job.pk}.zip" if job.kind == exports.KIND_ZIP else f"justering-{job.pk}"


@login_required
def export_download(request, pk):
    job = _job_for(request, pk)
    if job.status != ExportJob.Status.DONE:
        return HttpResponse(_("Exporten är inte klar ännu."), status=409,
                            content_type="text/plain; charset=utf-8")
    if job.kind == KIND_DRAFT:
        utlatande = get_object_or_404(visible_utlatanden(request.user),
                                      pk=job.params.get("utlatande"))
        return _draft_response(job, utlatande)
    is_zip = job.kind == exports.KIND_ZIP
    response = attachment_response(job.file, _download_name(job),
                                   "application/zip" if is_zip else PDF)
    response["X-Checksum-SHA256"] = job.sha256
    return response
