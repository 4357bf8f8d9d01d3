from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from meetings.demo import seed_meetings
from programs import search_sqlite
from programs.demo import seed_slk_demo
from reminders.demo import seed_reminders
from responses.demo import seed_demo
from responses.demo_drafting import load_drafting_demo


class Command(BaseCommand):
    help = "Load the demo city (idempotent). Refused when DEBUG is off: demo passwords."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo körs bara med DEBUG=1: demoanvändarna har ett "
                               "känt lösenord.")
        # The demo city is assembled from each app's own demo data, in dependency order.
        seed_demo()
        load_drafting_demo()
        seed_slk_demo()
        seed_meetings()
        seed_reminders()
        # SQLite's full-text index follows each write by trigger; rebuilt here so a demo
        # database is searchable whatever happened to it before (no-op on PostgreSQL).
        search_sqlite.install(connection)
        self.stdout.write(self.style.SUCCESS("Demodata inläst."))
