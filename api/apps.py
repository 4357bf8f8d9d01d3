from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API och webhooks")

    def ready(self):
        from . import receivers, stamps  # noqa: F401  (connect the signal listeners)
