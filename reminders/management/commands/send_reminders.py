import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reminders import sweep


class Command(BaseCommand):
    help = "Skickar påminnelser som är på tur nu (samma svep som Celery beat kör)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Visa vad som skulle skickas, utan att skicka eller spara.")
        parser.add_argument("--now", help="Låtsas att klockan är detta (ISO 8601), för test.")
        parser.add_argument("--digest", action="store_true",
                            help="Skicka även dagens sammanställning till SLK oavsett klockslag.")

    def handle(self, *args, dry_run=False, now=None, digest=False, **options):
        when = timezone.now()
        if now:
            try:
                when = datetime.datetime.fromisoformat(now)
            except ValueError:
                raise CommandError(f"Ogiltig tidpunkt: {now}") from None
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
        if dry_run:
            planned = sweep.plan(when)
            for p in planned:
                r = p.recipient
                for c in p.claims:
                    to = c.addressee or "(ingen adress)"
                    self.stdout.write(
                        f"{p.step.kind}\t{r.remiss.ks_dnr}\t{r.organisation.name}\t"
                        f"remisstid {r.effective_deadline:%Y-%m-%d}\t{to}")
            total = sum(len(p.claims) for p in planned)
            self.stdout.write(f"{total} påminnelser skulle skickas "
                              f"({len(planned)} remissinstanser).")
            return
        result = sweep.sweep(when)
        digests = sweep.send_digests(when, force=digest)
        self.stdout.write(f"{result.claimed} påminnelser köade för {result.recipients} "
                          f"remissinstanser, {digests} sammanställningar, "
                          f"{result.requeued} köade igen.")
