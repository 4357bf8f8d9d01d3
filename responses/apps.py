from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsesConfig(AppConfig):
    name = "responses"
    verbose_name = _("Tjänsteutlåtanden")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .lock_sql import reinstall_after_migrate

        post_migrate.connect(reinstall_after_migrate, sender=self,
                             dispatch_uid="responses_lock_after_migrate")
        from .pdf import listeners  # noqa: F401  (archives the final PDF at justering)
