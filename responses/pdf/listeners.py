"""Signal receivers of the PDF area; imported from ResponsesConfig.ready()."""

from django.db import transaction
from django.dispatch import receiver

from responses.models import State
from responses.signals import utlatande_transitioned

from .tasks import archive_utlatande


@receiver(utlatande_transitioned, dispatch_uid="pdf_archive_at_justering")
def archive_at_justering(sender, utlatande, from_state, to_state, **kwargs):
    """At justering the final PDF/A is rendered once and stored (in the worker)."""
    if to_state == State.JUSTERAD:
        transaction.on_commit(lambda: archive_utlatande.delay(utlatande.pk))
