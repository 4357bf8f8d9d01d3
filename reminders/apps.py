from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Påminnelser")

    def ready(self):
        from programs import signals as program_signals

        from . import deadlines, ledger, mail, receivers, sweep

        ledger.register("deadline", build=mail.build_deadline_message,
                        still_due=deadlines.still_due)
        ledger.register("digest", build=mail.build_digest_message,
                        still_due=sweep.digest_still_due)
        program_signals.recipients_changed.connect(
            receivers.on_recipients_changed, dispatch_uid="reminders.recipients_changed")
