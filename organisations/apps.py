from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisationer och användare")

    def ready(self):
        # Project-wide deploy checks (the project package is not an app of its own).
        from remiss import checks  # noqa: F401
