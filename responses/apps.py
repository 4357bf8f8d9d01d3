from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsesConfig(AppConfig):
    name = "responses"
    verbose_name = _("Tjänsteutlåtanden")

    def ready(self):
        from .pdf import listeners  # noqa: F401  (archives the final PDF at justering)
