"""Import tjänsteutlåtanden (text, DOCX, PDF) for one remiss and organisation.

    manage.py import_utlatande FILE... --remiss "KS 2021/866" --organisation Kulturnämnden
    manage.py import_utlatande FILE --dry-run --format json

--dry-run saves nothing; with --format json it prints the parsed structure, the contract
documented in docs/importer.md (one object per file; a list when several files are given).
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from responses.importer.service import (
    find_organisation,
    find_remiss,
    import_utlatande,
    parse_file,
)
from responses.models import State


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Importera tjänsteutlåtanden (text, DOCX, PDF) som strukturerade dokument."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--remiss", help="remissens diarienummer, t.ex. KS 2021/866")
        parser.add_argument("--organisation", help="organisationens namn eller kortnamn")
        parser.add_argument("--dry-run", action="store_true",
                            help="tolka bara filerna, spara ingenting")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--state", choices=State.values, default=State.BESVARAD,
                            help="status för det importerade dokumentet (standard: besvarad)")

    def handle(self, *args, **options):
        remiss = organisation = None
        try:
            if options["remiss"]:
                remiss = find_remiss(options["remiss"])
            if options["organisation"]:
                organisation = find_organisation(options["organisation"])
        except ValidationError as error:
            raise CommandError(_message(error)) from error
        if not options["dry_run"] and (remiss is None or organisation is None):
            raise CommandError("Ange --remiss och --organisation (eller --dry-run).")
        results = []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Filen {name} finns inte.")
            data = path.read_bytes()
            try:
                result = parse_file(data, path.name)
                if not options["dry_run"]:
                    result = import_utlatande(data=data, filename=path.name, remiss=remiss,
                                              organisation=organisation,
                                              state=options["state"], result=result)
            except ValidationError as error:
                raise CommandError(f"{name}: {_message(error)}") from error
            results.append(result)
        if options["format"] == "json":
            payload = [r.to_json() for r in results]
            self.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload,
                                         ensure_ascii=False, indent=2))
            return
        for name, result in zip(options["files"], results, strict=True):
            self._report(name, result, options["dry_run"])

    def _report(self, name, result, dry_run):
        labels = {"recognised": "känt igen", "guessed": "gissat", "free_text": "fritext"}
        self.stdout.write(f"{name}:")
        for kind, message in result.report:
            self.stdout.write(f"  [{labels[kind]}] {message}")
        for message in result.parsed.missing:
            self.stdout.write(f"  [saknas] {message}")
        if dry_run:
            self.stdout.write("  Torrkörning: ingenting sparades.")
        elif result.duplicate:
            self.stdout.write(self.style.WARNING(
                f"  Redan importerad som tjänsteutlåtande {result.utlatande.pk}."))
        else:
            self.stdout.write(self.style.SUCCESS(
                f"  Sparad som tjänsteutlåtande {result.utlatande.pk} "
                f"({result.utlatande.get_state_display()})."))
