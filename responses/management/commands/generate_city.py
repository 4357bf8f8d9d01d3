"""Fill an empty PostgreSQL database with a synthetic city for benchmarks."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from responses.citygen import CITYGEN_VERSION, generate_city


def marker(*, years: int, seed: int, remisser_per_year: int, users_per_org: int) -> str:
    """What the database holds; run.py compares it to skip a regeneration."""
    return (f"citygen v={CITYGEN_VERSION} years={years} seed={seed} "
            f"per_year={remisser_per_year} users_per_org={users_per_org}")


def current_marker() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                       "WHERE datname = current_database()")
        return cursor.fetchone()[0]


class Command(BaseCommand):
    help = "Genererar en syntetisk stad (remisser, remissinstanser, tjänsteutlåtanden)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help="Sista dagen i datat (ÅÅÅÅ-MM-DD); standard är i dag.")
        parser.add_argument("--remisser-per-year", type=int, default=400)
        parser.add_argument("--users-per-org", type=int, default=16)
        parser.add_argument("--reuse", action="store_true",
                            help="Gör inget om databasen redan innehåller samma stad.")

    def handle(self, *args, years, seed, today, remisser_per_year, users_per_org, reuse,
               **options):
        if years < 1 or remisser_per_year < 1 or users_per_org < 1:
            raise CommandError("Antal år, remisser per år och användare måste vara minst 1.")
        if connection.vendor != "postgresql":
            raise CommandError("generate_city kräver PostgreSQL (DATABASE_URL).")
        label = marker(years=years, seed=seed, remisser_per_year=remisser_per_year,
                       users_per_org=users_per_org)
        if reuse and current_marker() == label:
            self.stdout.write(f"Databasen innehåller redan staden ({label}).")
            return
        started = time.monotonic()
        try:
            counts = generate_city(years=years, seed=seed, today=today,
                                   remisser_per_year=remisser_per_year,
                                   users_per_org=users_per_org, log=self.stdout.write)
        except ValueError as exc:
            # Exit code 3 tells bench/run.py to rebuild the database.
            raise CommandError(str(exc), returncode=3) from exc
        with connection.cursor() as cursor:
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            # A utility statement takes no parameters; the label is ours and quote-free.
            cursor.execute(f"COMMENT ON DATABASE {name} IS '{label}'")
        summary = ", ".join(f"{k}={v}" for k, v in counts.as_dict().items())
        self.stdout.write(f"Klart på {time.monotonic() - started:.0f} s: {summary}")
