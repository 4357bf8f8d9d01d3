from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    """What stadsledningskontoret reads: overview, matrix, answers side by side,
    remissammanställning, search and the audit trail. It depends on programs and
    responses; nothing depends on it."""

    name = "tracking"
    verbose_name = _("Bevakning")
