from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from responses.demo import seed_demo


class Command(BaseCommand):
    help = "Load the demo city (idempotent). Refused when DEBUG is off: demo passwords."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo körs bara med DEBUG=1: demoanvändarna har ett "
                               "känt lösenord.")
        seed_demo()
        self.stdout.write(self.style.SUCCESS("Demodata inläst."))
