"""updated_at of the API's resources also moves when a part of them changes.

A remiss in the API carries its recipients (their state, anstånd, answer) and documents; a
sammanträde carries its §§. An integration syncing with updated_since must see the remiss
again when any of these change or are deleted, so the parent's updated_at is bumped here,
in the same transaction as the change. QuerySet.update() keeps these bookkeeping writes out
of history. (A deleted remiss or sammanträde itself is reported by the feeds of deletions,
from simple-history's deletion records: api/selectors.py.)
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from meetings.models import Arende, Sammantrade
from programs.models import AnstandRequest, Recipient, Remiss, RemissDocument
from responses.models import Utlatande, UtlatandeRecipient


def touch_remisser(**filters) -> None:
    Remiss.objects.filter(**filters).update(updated_at=timezone.now())


def touch_sammantraden(**filters) -> None:
    Sammantrade.objects.filter(**filters).update(updated_at=timezone.now())


@receiver(post_save, sender=Remiss)
@receiver(post_save, sender=Sammantrade)
def own_fields_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """save(update_fields=[...]) without updated_at leaves auto_now alone: stamp it."""
    if raw or update_fields is None or "updated_at" in update_fields:
        return
    sender.objects.filter(pk=instance.pk).update(updated_at=timezone.now())


@receiver(post_save, sender=Recipient)
@receiver(post_delete, sender=Recipient)
@receiver(post_save, sender=RemissDocument)
@receiver(post_delete, sender=RemissDocument)
def remiss_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_remisser(pk=instance.remiss_id)


@receiver(post_save, sender=AnstandRequest)
def anstand_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_remisser(recipients__pk=instance.recipient_id)


@receiver(post_save, sender=UtlatandeRecipient)
@receiver(post_delete, sender=UtlatandeRecipient)
def answer_linked(sender, instance, raw=False, **kwargs):
    """Linked, superseded, or unlinked (a partner leaves a joint utkast): the row's state."""
    if not raw:
        touch_remisser(recipients__pk=instance.recipient_id)


@receiver(post_save, sender=Utlatande)
def answer_changed(sender, instance, raw=False, **kwargs):
    """The recipient's state and stance come from its answer; a § shows the answer too."""
    if raw or kwargs.get("created"):
        return
    touch_remisser(recipients__links__utlatande_id=instance.pk)
    touch_sammantraden(arenden__utlatande_id=instance.pk)


@receiver(post_save, sender=Arende)
@receiver(post_delete, sender=Arende)
def paragraph_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_sammantraden(pk=instance.meeting_id)
