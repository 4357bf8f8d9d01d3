"""Webhook events and their signed delivery.

Each fact becomes one WebhookEvent (unique dedupe_key), then one WebhookDelivery per matching
subscription, sent by the Celery task api.deliver_webhook after commit. A receiver verifies

    Remiss-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>

with verify_signature() (or the same few lines in its own language), refuses old timestamps
(replays) and de-duplicates on Remiss-Event-Id.
"""

import datetime
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass

import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "Remiss-Signature"
TOLERANCE_SECONDS = 300
MAX_BACKOFF_SECONDS = 6 * 3600


def sign(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify_signature(secret: str, body: bytes, header: str, *, now: float | None = None,
                     tolerance: int = TOLERANCE_SECONDS) -> bool:
    """Whether `header` signs `body` with `secret`, made within `tolerance` seconds."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
        given = parts["v1"]
    except (ValueError, KeyError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, given)


def event_body(event: WebhookEvent) -> bytes:
    return json.dumps({"id": str(event.id), "type": event.type,
                       "created_at": timezone.localtime(event.created_at).isoformat(),
                       "data": event.payload},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def event_emit(*, type: str, dedupe_key: str, data: dict,
               organisation_ids: set[int]) -> WebhookEvent | None:
    """Record the fact once and queue a delivery to every subscriber; None if known."""
    subscriptions = [
        s for s in WebhookSubscription.objects.filter(is_active=True)
        if type in s.events and (s.organisation_id is None
                                 or s.organisation_id in organisation_ids)]
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(type=type, dedupe_key=dedupe_key[:200],
                                                payload=data,
                                                organisation_ids=sorted(organisation_ids))
            deliveries = [WebhookDelivery.objects.create(subscription=s, event=event)
                          for s in subscriptions]
    except IntegrityError:
        return None
    from .tasks import deliver_webhook

    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.delay(pk))
    return event


def backoff_seconds(attempt: int) -> int:
    """30 s, 60 s, 2 min, 4 min ... (WEBHOOK_BACKOFF_SECONDS doubling), at most six hours."""
    return min(settings.WEBHOOK_BACKOFF_SECONDS * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS)


@dataclass
class Outcome:
    delivered: bool = False
    retry_in: int | None = None


def deliver(delivery_id: int) -> Outcome:
    """One attempt. The attempt number is claimed first, so two workers never both send
    attempt n; the HTTP request runs outside any transaction."""
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING).update(attempts=F("attempts") + 1)
    if claimed != 1:
        return Outcome()
    delivery = WebhookDelivery.objects.select_related("subscription", "event").get(
        pk=delivery_id)
    subscription, event = delivery.subscription, delivery.event
    body = event_body(event)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Remiss-Webhooks/1",
        "Remiss-Event-Id": str(event.id),
        "Remiss-Event-Type": event.type,
        "Remiss-Delivery-Attempt": str(delivery.attempts),
        SIGNATURE_HEADER: sign(subscription.secret, body, int(time.time())),
    }
    started = time.monotonic()
    status_code, error = None, ""
    try:
        response = requests.post(subscription.url, data=body, headers=headers,
                                 timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
                                 allow_redirects=False)
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}: {response.text[:500]}"
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[:1000]
    duration = int((time.monotonic() - started) * 1000)
    WebhookAttempt.objects.create(delivery=delivery, number=delivery.attempts,
                                  status_code=status_code, error=error, duration_ms=duration)
    now = timezone.now()
    if not error:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.DELIVERED, delivered_at=now, last_status_code=status_code,
            last_error="", next_attempt_at=None)
        return Outcome(delivered=True)
    if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED, last_status_code=status_code, last_error=error,
            next_attempt_at=None)
        logger.warning("Webhook %s till %s misslyckades efter %s försök: %s", event.id,
                       subscription.url, delivery.attempts, error)
        return Outcome()
    wait = backoff_seconds(delivery.attempts)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        last_status_code=status_code, last_error=error,
        next_attempt_at=now + datetime.timedelta(seconds=wait))
    return Outcome(retry_in=wait)
