"""Program, Remiss and its recipients (remissinstanser)."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Organisation

from .dnr import KS_DNR_PATTERN, normalize_ks_dnr, validate_ks_dnr


class Program(models.Model):
    """A city-wide policy document that is remitted, possibly many times over the years."""

    title = models.CharField(_("titel"), max_length=300, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programs:program_detail", args=[self.pk])


class RemissStatus(models.TextChoices):
    UTKAST = "utkast", _("Utkast")
    UTSKICKAD = "utskickad", _("Utskickad")
    AVSLUTAD = "avslutad", _("Avslutad")


class Remiss(models.Model):
    """A consultation sent by kommunstyrelsen (through stadsledningskontoret)."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="remisser")
    title = models.CharField(_("titel"), max_length=300)
    ks_dnr = models.CharField(_("diarienummer (KS)"), max_length=40, unique=True,
                              validators=[validate_ks_dnr],
                              error_messages={"unique": _("Det finns redan en remiss med "
                                                          "det diarienumret.")})
    remiss_date = models.DateField(_("remissdatum"))
    deadline = models.DateField(_("remisstid"))
    sender = models.ForeignKey(Organisation, verbose_name=_("avsändare"), on_delete=models.PROTECT,
                               related_name="sent_remisser")
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=40, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RemissStatus.choices,
                              default=RemissStatus.UTKAST, db_index=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped also when a recipient, document or anstånd changes (api/stamps.py): the API's
    # incremental sync (updated_since) reads it.
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-remiss_date", "-pk"]
        verbose_name = _("remiss")
        verbose_name_plural = _("remisser")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("remiss_date")),
                name="remiss_deadline_not_before_remiss_date",
                violation_error_message=_("Remisstiden kan inte vara före remissdatum."),
            ),
            models.CheckConstraint(
                condition=models.Q(ks_dnr__regex=KS_DNR_PATTERN),
                name="remiss_ks_dnr_format",
                violation_error_message=_("Ogiltigt diarienummer."),
            ),
        ]
        indexes = [
            models.Index(fields=["deadline"]), models.Index(fields=["status", "deadline"]),
            # The overview's order: its first page is read from the index, not sorted.
            models.Index(fields=["-remiss_date", "-id"], name="remiss_newest_first"),
        ]

    def __str__(self):
        return f"{self.title} ({self.ks_dnr})"

    def save(self, *args, **kwargs):
        self.ks_dnr = normalize_ks_dnr(self.ks_dnr)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programs:remiss_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == RemissStatus.UTSKICKAD

    @property
    def year(self) -> int:
        return self.remiss_date.year


class RemissDocument(models.Model):
    """A remitted document (SLK's tjänsteutlåtande, the program draft ...)."""

    remiss = models.ForeignKey(Remiss, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil"), upload_to="remissdokument/%Y/", blank=True)
    # The type found by remiss.uploads.validate_upload, used when serving the file.
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["remiss", "order", "pk"]
        verbose_name = _("remitterat dokument")
        verbose_name_plural = _("remitterade dokument")

    def __str__(self):
        return self.title


class Recipient(models.Model):
    """One organisation asked to answer one remiss (a remissinstans row)."""

    remiss = models.ForeignKey(Remiss, verbose_name=_("remiss"), on_delete=models.CASCADE,
                               related_name="recipients")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="recipients")
    own_dnr = models.CharField(_("eget diarienummer"), max_length=60, blank=True)
    handlaggare = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handläggare"),
                                    on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="assigned_recipients")
    anstand_deadline = models.DateField(_("anstånd till"), null=True, blank=True)
    anstand_reason = models.TextField(_("skäl för anstånd"), blank=True)
    declined = models.BooleanField(_("avstår"), default=False)
    declined_reason = models.TextField(_("skäl att avstå"), blank=True)
    notified_at = models.DateTimeField(_("underrättad"), null=True, blank=True)
    # When the answer was received by kommunstyrelsen (inkommit).
    answered_at = models.DateTimeField(_("svar inkommit"), null=True, blank=True)
    # Bookkeeping for the reminder sweep; kept out of history (updated with QuerySet.update()).
    next_reminder_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["next_reminder_at"])

    class Meta:
        ordering = ["remiss", "organisation__name"]
        verbose_name = _("remissinstans")
        verbose_name_plural = _("remissinstanser")
        constraints = [
            models.UniqueConstraint(
                fields=["remiss", "organisation"], name="recipient_unique_per_remiss",
                violation_error_message=_("Organisationen är redan remissinstans för remissen."),
            ),
        ]
        # Used by the reminder sweep (send_reminders): only rows that are due are read.
        indexes = [models.Index(fields=["next_reminder_at"], name="recipient_next_reminder")]

    def __str__(self):
        return f"{self.organisation} – {self.remiss.ks_dnr}"

    @property
    def effective_deadline(self) -> datetime.date:
        """The remisstid that applies to this organisation: the anstånd when granted."""
        return self.anstand_deadline or self.remiss.deadline

    def days_left(self, today: datetime.date | None = None) -> int:
        """Days until the effective deadline; negative when late."""
        today = today or timezone.localdate()
        return (self.effective_deadline - today).days

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class AnstandStatus(models.TextChoices):
    BEGARD = "begard", _("Begärd")
    BEVILJAD = "beviljad", _("Beviljad")
    AVSLAGEN = "avslagen", _("Avslagen")


class AnstandRequest(models.Model):
    """A recipient's request for a later deadline, and SLK's decision on it.

    The granted date is copied to Recipient.anstand_deadline; these rows are the history.
    """

    recipient = models.ForeignKey(Recipient, verbose_name=_("remissinstans"),
                                  on_delete=models.CASCADE, related_name="anstand_requests")
    requested_deadline = models.DateField(_("begärd remisstid"))
    reason = models.TextField(_("skäl"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("begärd av"),
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("begärd"), auto_now_add=True)
    # The deadline that applied when the request was made, for the history.
    previous_deadline = models.DateField(_("tidigare remisstid"))
    status = models.CharField(_("status"), max_length=20, choices=AnstandStatus.choices,
                              default=AnstandStatus.BEGARD, db_index=True)
    granted_deadline = models.DateField(_("beviljad remisstid"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("beslutad av"),
                                   on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decision_comment = models.TextField(_("kommentar till beslutet"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recipient", "-requested_at", "-pk"]
        verbose_name = _("begäran om anstånd")
        verbose_name_plural = _("begäranden om anstånd")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient"], condition=models.Q(status="begard"),
                name="one_pending_anstand_per_recipient",
                violation_error_message=_("Det finns redan en obesvarad begäran om anstånd."),
            ),
            models.CheckConstraint(
                condition=models.Q(requested_deadline__gt=models.F("previous_deadline")),
                name="anstand_later_than_previous_deadline",
                violation_error_message=_("Anståndet måste gälla en senare dag än den "
                                          "nuvarande remisstiden."),
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.requested_deadline} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == AnstandStatus.BEGARD
