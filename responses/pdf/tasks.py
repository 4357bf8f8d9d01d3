"""Celery tasks of the PDF area: thin, load by id and call the service."""

from celery import shared_task

from responses.models import ExportJob, Utlatande


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
