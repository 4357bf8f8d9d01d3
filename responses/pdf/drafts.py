"""The PDF of a draft, rendered by a Celery task with a time limit, never in the request.

A request asks for the render of the document's current version and waits a moment: a
normal document is ready by then and downloads at once. A very long one (or a busy worker)
gets the progress page of the job instead, as the justering export does, so no web worker
is ever blocked by what a user typed. A finished render of the same version is reused.
"""

import time

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from responses.models import ExportJob, Utlatande
from responses.selectors import visible_utlatanden

from .render import render_pdf

KIND_DRAFT = "utkast_pdf"
# What the request waits for the worker before it shows the progress page instead.
WAIT_SECONDS = 2.0
# The task's limits (Celery soft/hard time limits): far above a real document's render.
SOFT_TIME_LIMIT = 60
HARD_TIME_LIMIT = 75


def draft_pdf_job(*, utlatande: Utlatande, user) -> tuple[ExportJob, bool]:
    """(job, created): this user's render of the document's current version."""
    params = {"utlatande": utlatande.pk, "version": utlatande.version,
              "state": utlatande.state}
    existing = (ExportJob.objects.filter(kind=KIND_DRAFT, created_by=user, params=params)
                .exclude(status=ExportJob.Status.FAILED).order_by("-created_at").first())
    if existing is not None:
        return existing, False
    return ExportJob.objects.create(kind=KIND_DRAFT, created_by=user, params=params,
                                    total=1), True


def wait_for(job: ExportJob, seconds: float = WAIT_SECONDS) -> ExportJob:
    """The job as it stands when it is finished, or after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        job.refresh_from_db()
        if job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED):
            return job
        if time.monotonic() >= deadline:
            return job
        time.sleep(0.1)


def run_draft_job(job: ExportJob) -> None:
    """Render the job's document (permissions checked again) and store the PDF."""
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    utlatande = visible_utlatanden(job.created_by).filter(
        pk=job.params.get("utlatande")).first()
    if utlatande is None:
        draft_job_failed(job, _("Dokumentet finns inte längre, eller så får du inte se det."))
        return
    data = render_pdf(utlatande)
    job.file.save(f"utkast-{utlatande.pk}-v{utlatande.version}.pdf", ContentFile(data),
                  save=False)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, file=job.file.name, progress=1,
        finished_at=timezone.now())


def draft_job_failed(job: ExportJob, message: str) -> None:
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED, error=message,
                                               finished_at=timezone.now())
