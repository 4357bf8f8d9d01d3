from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Sammanträden")

    def ready(self):
        from reminders import ledger

        from . import milestone_reminders

        ledger.register(milestone_reminders.FAMILY, build=milestone_reminders.build,
                        still_due=milestone_reminders.still_due)
