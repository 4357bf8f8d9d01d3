"""Reminder policy, mutes, the sent-reminder ledger and calendar feed tokens."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def parse_days(value: str) -> list[int]:
    """'14, 3' -> [14, 3]; raises ValueError on anything but positive whole numbers."""
    days = [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
    if any(d <= 0 for d in days):
        raise ValueError(value)
    return sorted(set(days), reverse=True)


def validate_days(value: str) -> None:
    try:
        parse_days(value)
    except ValueError:
        raise ValidationError(
            _("Ange hela dagar större än noll, åtskilda med kommatecken, t.ex. 14, 3."),
            code="invalid_days",
        ) from None


class ReminderPolicy(models.Model):
    """When deadline reminders go out; one row, edited by administrators in admin."""

    days_before = models.CharField(
        _("dagar före remisstiden"), max_length=60, default="14, 3", blank=True,
        validators=[validate_days],
        help_text=_("Kommaseparerade antal dagar, t.ex. 14, 3. Tomt: inga påminnelser före."),
    )
    on_deadline_day = models.BooleanField(_("påminn på sista svarsdagen"), default=True)
    repeat_after_days = models.PositiveSmallIntegerField(
        _("upprepa efter remisstiden var n:e dag"), default=7,
        help_text=_("0 betyder ingen påminnelse efter remisstiden."),
    )
    send_hour = models.PositiveSmallIntegerField(
        _("klockslag för utskick (timme)"), default=8,
        help_text=_("Svensk tid, 0–23. Infaller dagen på en helg eller helgdag skickas "
                    "påminnelsen föregående vardag."),
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("klockslag för daglig sammanställning till stadsledningskontoret"), default=7)
    enabled = models.BooleanField(_("påminnelser aktiverade"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("påminnelseregel")
        verbose_name_plural = _("påminnelseregler")

    def __str__(self):
        return str(_("Påminnelseregel"))

    def clean(self):
        for name in ("send_hour", "digest_hour"):
            if getattr(self, name) > 23:
                raise ValidationError({name: _("Ange en timme mellan 0 och 23.")},
                                      code="invalid_hour")

    @classmethod
    def current(cls) -> "ReminderPolicy":
        """The policy in force; the defaults when an administrator never saved one."""
        policy = cls.objects.order_by("pk").first()
        return policy if policy is not None else cls()

    @property
    def days_before_list(self) -> list[int]:
        return parse_days(self.days_before)


class ReminderMute(models.Model):
    """A user does not want deadline reminders for one remiss (the SLK digest still goes)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="reminder_mutes", verbose_name=_("användare"))
    remiss = models.ForeignKey("programs.Remiss", on_delete=models.CASCADE,
                               related_name="reminder_mutes", verbose_name=_("remiss"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("avstängd påminnelse")
        verbose_name_plural = _("avstängda påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["user", "remiss"], name="reminder_mute_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.remiss}"


class SentReminder(models.Model):
    """The ledger: one row per (kind, object, occasion, addressee), claimed before sending.

    The unique constraint is what makes a reminder go out exactly once: whoever inserts
    the row first owns the send; everyone else (a second beat, a retry, a re-run) gets
    a conflict and does nothing. Status then records what happened.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på utskick")
        SENT = "sent", _("Skickad")
        FAILED = "failed", _("Misslyckades")
        SKIPPED = "skipped", _("Inte skickad (gäller inte längre)")
        UNDELIVERABLE = "undeliverable", _("Ingen e-postadress")

    kind = models.CharField(_("typ"), max_length=40, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE,
                                     verbose_name=_("objekttyp"))
    object_id = models.PositiveBigIntegerField(_("objekt-id"))
    target = GenericForeignKey("content_type", "object_id")
    # The date the reminder is for (a step of the schedule, the digest's day, a meeting ...).
    occasion = models.DateField(_("avser datum"))
    # Lower-cased e-mail address; "" when nobody could be found (status undeliverable).
    addressee = models.CharField(_("mottagare"), max_length=254, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+", verbose_name=_("användare"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PENDING)
    # The effective deadline (or meeting date) when claimed; checked again at send time.
    deadline = models.DateField(_("remisstid vid beslut"), null=True, blank=True)
    subject = models.CharField(_("ämne"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    # Identifies the claim that inserted the row (a sweep run); see services.claim().
    claim = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    # When a pending row should next be tried; a failed attempt moves it on (backoff).
    next_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set (and committed) when a delivery takes the row, cleared when it records the
    # outcome: SMTP runs outside any transaction. Set long ago: its worker died.
    sending_since = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "occasion", "addressee"],
                name="sent_reminder_once",
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="sent_reminder_target"),
            # Used by the sweep to re-queue deliveries whose task was lost.
            models.Index(fields=["next_attempt_at"], name="sent_reminder_pending",
                         condition=models.Q(status="pending")),
        ]

    def __str__(self):
        return f"{self.kind} {self.occasion} → {self.addressee or '–'}"

    @property
    def kind_label(self) -> str:
        """Swedish name of the kind; other apps' kinds are shown as they are."""
        from django.utils.translation import gettext, ngettext

        if self.kind.startswith("deadline.before") and self.kind[15:].isdigit():
            n = int(self.kind[15:])
            return ngettext("%(n)d dag före remisstiden", "%(n)d dagar före remisstiden",
                            n) % {"n": n}
        labels = {"deadline.day": gettext("Sista svarsdag"),
                  "deadline.overdue": gettext("Försenat svar"),
                  "digest.overdue": gettext("Daglig sammanställning")}
        return labels.get(self.kind, self.kind)


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a user's calendar feed URL; replacing it revokes old subscriptions."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_feed_token")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kalenderprenumeration")
        verbose_name_plural = _("kalenderprenumerationer")

    def __str__(self):
        return str(self.user)

    def rotate(self) -> None:
        self.token = new_feed_token()
        self.save(update_fields=["token", "created_at"])
