import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive.earkiv.export import ExportError, build_remiss_package, find_remiss


class Command(BaseCommand):
    help = "Skriver ett e-arkivpaket (E-ARK SIP) för en remiss till en zip-fil."

    def add_arguments(self, parser):
        parser.add_argument("--remiss", required=True, help="remissens diarienummer (KS)")
        parser.add_argument("--out", required=True, help="zip-filen som skrivs")

    def handle(self, *args, remiss, out, **options):
        found = find_remiss(remiss)
        if found is None:
            raise CommandError(_("Det finns ingen remiss med diarienumret %(dnr)s.")
                               % {"dnr": remiss})
        try:
            package = build_remiss_package(found)
        except ExportError as error:
            raise CommandError(str(error)) from error
        target = Path(out)
        target.write_bytes(package.data)
        self.stdout.write(f"{target}: {package.objid}, {len(package.files)} filer, "
                          f"SHA-256 {hashlib.sha256(package.data).hexdigest()}")
