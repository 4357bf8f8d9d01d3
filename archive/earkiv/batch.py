"""A year's closed remisser as one zip of SIP zips, with progress on the EarkivExport row."""

import hashlib
import tempfile
import zipfile

from django.core.files import File
from django.utils import timezone

from archive.models import EarkivExport, ExportStatus
from programs.models import Remiss, RemissStatus

from .export import ExportError, build_remiss_package


def run_year_export(export: EarkivExport) -> EarkivExport:
    remisser = list(Remiss.objects.filter(status=RemissStatus.AVSLUTAD,
                                          closed_at__year=export.year).order_by("ks_dnr"))
    EarkivExport.objects.filter(pk=export.pk).update(status=ExportStatus.PAGAR,
                                                     total=len(remisser), done=0)
    try:
        with tempfile.TemporaryFile() as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as outer:
                for done, remiss in enumerate(remisser, start=1):
                    package = build_remiss_package(remiss)
                    outer.writestr(package.filename, package.data)
                    EarkivExport.objects.filter(pk=export.pk).update(done=done)
            handle.seek(0)
            digest = hashlib.sha256(handle.read()).hexdigest()
            handle.seek(0)
            export.refresh_from_db()
            export.result.save(f"e-arkiv-{export.year}.zip", File(handle), save=False)
    except ExportError as error:
        EarkivExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.MISSLYCKAD, error=str(error), finished_at=timezone.now())
        export.refresh_from_db()
        return export
    export.sha256 = digest
    export.status = ExportStatus.KLAR
    export.finished_at = timezone.now()
    export.save(update_fields=["result", "sha256", "status", "finished_at"])
    return export
