"""Celery tasks of the archive app: thin, load by id and call the builder."""

from celery import shared_task


@shared_task
def run_earkiv_export(export_id: int) -> None:
    from .earkiv.batch import run_year_export
    from .models import EarkivExport

    export = EarkivExport.objects.filter(pk=export_id).first()
    if export is not None:
        run_year_export(export)
