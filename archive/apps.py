from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """Signed justering (PAdES) and e-arkiv packages (E-ARK SIP with CITS ERMS)."""

    name = "archive"
    verbose_name = _("Arkiv")
