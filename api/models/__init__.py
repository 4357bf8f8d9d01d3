"""API keys per integration and webhook subscriptions with their delivery log."""

from .keys import ApiKey, ApiScope
from .webhooks import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookEventType,
    WebhookSubscription,
)

__all__ = ["ApiKey", "ApiScope", "DeliveryStatus", "WebhookAttempt", "WebhookDelivery",
           "WebhookEvent", "WebhookEventType", "WebhookSubscription"]
