from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Program och remisser")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import search_sqlite

        # SQLite's full-text index: its analysers on every connection, its triggers back
        # after every migrate.
        connection_created.connect(search_sqlite.register_functions,
                                   dispatch_uid="programs_search_functions")
        post_migrate.connect(search_sqlite.reinstall_after_migrate, sender=self,
                             dispatch_uid="programs_search_after_migrate")
