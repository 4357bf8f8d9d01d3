"""End to end: a real Celery worker retries a failing webhook receiver with backoff, then
delivers; the attempts are in the log."""

import itertools
import time

import pytest

from api.models import (
    DeliveryStatus,
    WebhookDelivery,
    WebhookEvent,
    WebhookEventType,
    WebhookSubscription,
)
from tests.api.test_webhooks import Receiver
from tests.reminders.test_celery_e2e import worker  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.celery_e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch):
    # Read by the worker's settings: 1 s, then 2 s.
    monkeypatch.setenv("WEBHOOK_BACKOFF_SECONDS", "1")
    monkeypatch.setenv("WEBHOOK_MAX_ATTEMPTS", "5")


class Flaky(Receiver):
    """Fails twice, then accepts."""

    def __init__(self):
        super().__init__(status=503)

    @property
    def status(self):
        return 503 if len(self.requests) <= 2 else 204

    @status.setter
    def status(self, value):
        pass


def test_worker_retries_with_backoff_until_delivered(worker, remiss):  # noqa: F811
    client, _mail, log = worker
    hook = Flaky()
    try:
        subscription = WebhookSubscription.objects.create(
            name="Diariet", url=hook.url, events=[WebhookEventType.REMISS_AVSLUTAD])
        event = WebhookEvent.objects.create(type=WebhookEventType.REMISS_AVSLUTAD,
                                            dedupe_key="e2e", payload={"remiss": remiss.pk})
        delivery = WebhookDelivery.objects.create(subscription=subscription, event=event)
        client.send_task("api.deliver_webhook", [delivery.pk])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            delivery.refresh_from_db()
            if delivery.status != DeliveryStatus.PENDING:
                break
            time.sleep(0.5)
        assert delivery.status == DeliveryStatus.DELIVERED, log.read_text()[-3000:]
        attempts = list(delivery.attempt_log.all())
        assert [a.status_code for a in attempts] == [503, 503, 204]
        gaps = [(b.at - a.at).total_seconds() for a, b in itertools.pairwise(attempts)]
        assert gaps[0] >= 0.9 and gaps[1] >= 1.9, gaps
    finally:
        hook.close()
