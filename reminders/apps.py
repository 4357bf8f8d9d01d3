from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Påminnelser")

    def ready(self):
        from programs import signals as program_signals
        from responses import signals as response_signals

        from . import deadlines, ledger, mail, receivers, sweep

        ledger.register("deadline", build=mail.build_deadline_message,
                        still_due=deadlines.still_due)
        ledger.register("digest", build=mail.build_digest_message,
                        still_due=sweep.digest_still_due)
        program_signals.remiss_sent.connect(receivers.on_remiss_sent,
                                            dispatch_uid="reminders.remiss_sent")
        program_signals.remiss_closed.connect(receivers.on_remiss_closed,
                                              dispatch_uid="reminders.remiss_closed")
        program_signals.recipient_changed.connect(receivers.on_recipient_changed,
                                                  dispatch_uid="reminders.recipient_changed")
        response_signals.utlatande_transitioned.connect(
            receivers.on_utlatande_transitioned, dispatch_uid="reminders.utlatande_transitioned")
