"""Celery tasks of the PDF area: thin, load by id and call the service."""

from celery import shared_task

from responses.models import ExportJob, Utlatande

from .drafts import HARD_TIME_LIMIT, SOFT_TIME_LIMIT


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def archive_utlatande(self, utlatande_id: int) -> None:
    from .archive import archive_final_pdf

    utlatande = Utlatande.objects.filter(pk=utlatande_id).first()
    if utlatande is None or utlatande.archived_sha256:
        return
    try:
        archive_final_pdf(utlatande)
    except OSError as error:  # disk trouble: try again later
        raise self.retry(exc=error) from error


@shared_task
def run_export(job_id: int) -> None:
    from .exports import run_export_job

    job = ExportJob.objects.filter(pk=job_id).first()
    if job is not None:
        run_export_job(job)


@shared_task(soft_time_limit=SOFT_TIME_LIMIT, time_limit=HARD_TIME_LIMIT)
def render_draft(job_id: int) -> None:
    """A draft's PDF; the time limits keep a worker from hanging on one document."""
    from celery.exceptions import SoftTimeLimitExceeded
    from django.utils.translation import gettext as _

    from .drafts import draft_job_failed, run_draft_job
    from .render import RenderError

    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None:
        return
    try:
        run_draft_job(job)
    except SoftTimeLimitExceeded:
        draft_job_failed(job, _("PDF:en tog för lång tid att skapa. Korta texten eller lägg "
                                "långa underlag som bilaga, och försök igen."))
    except RenderError as error:
        draft_job_failed(job, str(error))
    except Exception:
        draft_job_failed(job, _("PDF:en kunde inte skapas. Försök igen om en stund."))
        raise
