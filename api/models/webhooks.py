"""Webhooks: what an administrator subscribed to, each event once, and every delivery try."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation


class WebhookEventType(models.TextChoices):
    REMISS_UTSKICKAD = "remiss.utskickad", _("Remiss utskickad")
    SVAR_BESVARAT = "svar.besvarat", _("Svar besvarat (inkommit)")
    ANSTAND_BEVILJAT = "anstand.beviljat", _("Anstånd beviljat")
    PARAGRAF_JUSTERAD = "paragraf.justerad", _("Paragraf justerad")
    REMISS_AVSLUTAD = "remiss.avslutad", _("Remiss avslutad")


def validate_event_types(value) -> None:
    if not isinstance(value, list) or not value or not set(value) <= set(
            WebhookEventType.values):
        raise ValidationError(_("Välj minst en händelse."), code="bad_events")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    name = models.CharField(_("namn"), max_length=100)
    url = models.URLField(_("adress"), max_length=500)
    events = models.JSONField(_("händelser"), default=list, validators=[validate_event_types])
    # Shared with the receiver, who checks the HMAC-SHA256 signature of every delivery.
    secret = models.CharField(_("hemlighet"), max_length=100, default=new_secret)
    # Only events that concern this organisation (its recipient rows, answers, meetings);
    # empty: every event.
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="webhook_subscriptions")
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook-prenumeration")
        verbose_name_plural = _("webhook-prenumerationer")

    def __str__(self):
        return f"{self.name} ({self.url})"


class WebhookEvent(models.Model):
    """One fact, once: its id goes out with every delivery so receivers can de-duplicate."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(_("händelse"), max_length=40, choices=WebhookEventType.choices)
    # What makes the fact unique (e.g. "anstand.beviljat:17"): a signal sent twice, or a
    # retried task, never creates a second event.
    dedupe_key = models.CharField(max_length=200, unique=True)
    organisation_ids = models.JSONField(default=list, blank=True)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook-händelse")
        verbose_name_plural = _("webhook-händelser")

    def __str__(self):
        return f"{self.type} {self.id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Väntar")
    DELIVERED = "delivered", _("Levererad")
    FAILED = "failed", _("Misslyckades")


class WebhookDelivery(models.Model):
    subscription = models.ForeignKey(WebhookSubscription, verbose_name=_("prenumeration"),
                                     on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(WebhookEvent, verbose_name=_("händelse"),
                              on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(_("status"), max_length=20, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("senaste svarskod"), null=True,
                                                        blank=True)
    last_error = models.TextField(_("senaste fel"), blank=True)
    next_attempt_at = models.DateTimeField(_("nästa försök"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("levererad"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook-leverans")
        verbose_name_plural = _("webhook-leveranser")
        constraints = [models.UniqueConstraint(fields=["subscription", "event"],
                                               name="webhook_delivery_once")]

    def __str__(self):
        return f"{self.event} → {self.subscription}"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery: the log an administrator reads."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE,
                                 related_name="attempt_log")
    number = models.PositiveSmallIntegerField(_("försök nr"))
    at = models.DateTimeField(_("tid"), auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(_("svarskod"), null=True, blank=True)
    error = models.TextField(_("fel"), blank=True)
    duration_ms = models.PositiveIntegerField(_("tid (ms)"), default=0)

    class Meta:
        ordering = ["delivery", "number"]
        verbose_name = _("leveransförsök")
        verbose_name_plural = _("leveransförsök")

    def __str__(self):
        return f"{self.delivery} #{self.number}"
