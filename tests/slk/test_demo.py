"""The SLK demo data: anstånd requests on the seeded city, idempotent."""

from django.core.management import call_command

from programs.demo import seed_slk_demo
from programs.models import AnstandRequest, AnstandStatus, Recipient


def test_seed_slk_demo_is_idempotent(db, settings, demo_clock):
    settings.DEBUG = True
    call_command("seed_demo")
    seed_slk_demo()
    seed_slk_demo()
    assert AnstandRequest.objects.count() == 2
    granted = AnstandRequest.objects.get(status=AnstandStatus.BEVILJAD)
    recipient = Recipient.objects.get(pk=granted.recipient_id)
    assert recipient.effective_deadline == granted.granted_deadline
    assert AnstandRequest.objects.filter(status=AnstandStatus.BEGARD).count() == 1
