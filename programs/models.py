"""Program, Remiss and its recipients (remissinstanser)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Coalesce
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

    def compilation_file_name(self, extension: str) -> str:
        """remissammanstallning-<dnr>-<today>.<extension>: the remissammanställning's name
        in every format (CSV, XLSX, PDF)."""
        safe_dnr = "".join(c if c.isalnum() else "-" for c in self.ks_dnr)
        return f"remissammanstallning-{safe_dnr}-{timezone.localdate().isoformat()}.{extension}"

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


# The responses.models.State values from which a nämnd's answer counts as decided: the
# minutes of the decision are justerade (justerad), and then sent to kommunstyrelsen
# (besvarad). Kept as values because programs does not import responses (the dependency
# goes the other way); tests/slk/test_recipient_state.py checks them against responses.
ANSWER_SENT_STATE = "besvarad"
DECIDED_ANSWER_STATES = ("justerad", ANSWER_SENT_STATE)


# A remissinstans's position on the proposal: set on its tjänsteutlåtande (responses), or
# registered by SLK with an answer that arrived outside Remiss.
class Stance(models.TextChoices):
    TILLSTYRKER = "tillstyrker", _("Tillstyrker")
    TILLSTYRKER_MED_SYNPUNKTER = "tillstyrker_med_synpunkter", _("Tillstyrker med synpunkter")
    AVSTYRKER = "avstyrker", _("Avstyrker")
    AVSTAR = "avstar", _("Avstår från att yttra sig")


class RecipientQuerySet(models.QuerySet):
    """Where a remissinstans stands: the one definition for pages, digests, reminders, plans.

    "Has it answered?" has two answers, named differently on purpose:

    - **received** (inkommit): the answer has arrived at kommunstyrelsen (`answered_at`).
      Together with declining (avstår) this ends the wait: `awaiting_answer()` and
      `overdue()` are about this.
    - **decided** (beslutat): the nämnd's decision on its answer is justerad (the active
      tjänsteutlåtande is justerad or besvarad), or the answer was received, or the
      nämnd declined. A justerad answer not yet sent counts as decided, not as received:
      SLK still waits for it, reminders still run, and it can be overdue.

    A closed (avslutad) remiss awaits nothing: its rows are never awaiting or overdue,
    though a late answer may still be received.
    """

    def with_effective_deadline(self):
        """Annotate `effective_deadline`: the anstånd when granted, else the remisstid."""
        return self.annotate(effective_deadline=Coalesce("anstand_deadline", "remiss__deadline"))

    def awaiting_answer(self):
        return self.filter(_awaiting_q())

    def overdue(self, today: datetime.date):
        return self.with_effective_deadline().filter(_awaiting_q(),
                                                      effective_deadline__lt=today)

    def received(self):
        return self.filter(answered_at__isnull=False)

    def decided(self):
        return self.filter(_decided_q())

    def with_status(self, today: datetime.date):
        """Annotate `effective_deadline`, `is_awaiting`, `is_overdue` and `is_decided`."""
        return self.with_effective_deadline().annotate(
            is_awaiting=ExpressionWrapper(_awaiting_q(), output_field=models.BooleanField()),
            is_overdue=ExpressionWrapper(_awaiting_q() & Q(effective_deadline__lt=today),
                                         output_field=models.BooleanField()),
            is_decided=ExpressionWrapper(_decided_q(), output_field=models.BooleanField()),
        )


def _awaiting_q() -> Q:
    return Q(remiss__status=RemissStatus.UTSKICKAD, answered_at__isnull=True, declined=False)


def _decided_q() -> Q:
    links = Recipient._meta.get_field("links").related_model  # responses.UtlatandeRecipient
    decided_answer = Exists(links.objects.filter(
        recipient=OuterRef("pk"), is_active=True, utlatande__state__in=DECIDED_ANSWER_STATES))
    return Q(declined=True) | Q(answered_at__isnull=False) | decided_answer


class _EffectiveDeadline:
    """The remisstid that applies to this organisation: the anstånd when granted.

    A non-data descriptor: rows read through with_effective_deadline() carry the same
    value computed by the database, which then takes precedence.
    """

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance.anstand_deadline or instance.remiss.deadline


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
    # What SLK recorded with "Registrera inkommet" for an answer that arrived outside Remiss
    # (a responses.models.Stance value; an answer written in Remiss carries its own stance).
    answer_stance = models.CharField(_("ställningstagande"), max_length=40, blank=True)
    answer_file = models.FileField(_("svarsdokument"), upload_to="remissvar/%Y/", blank=True)
    answer_content_type = models.CharField(max_length=120, blank=True)
    answer_url = models.URLField(_("länk till svaret"), max_length=500, blank=True)
    # Bookkeeping for the reminder sweep; kept out of history (updated with QuerySet.update()).
    next_reminder_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["next_reminder_at"])

    objects = RecipientQuerySet.as_manager()

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

    effective_deadline = _EffectiveDeadline()

    def days_left(self, today: datetime.date | None = None) -> int:
        """Days until the effective deadline; negative when late."""
        today = today or timezone.localdate()
        return (self.effective_deadline - today).days

    @property
    def is_received(self) -> bool:
        """The answer has arrived at kommunstyrelsen (see RecipientQuerySet)."""
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


class InboxSeen(models.Model):
    """Until when a member of SLK has read the new answers in the inbox on the start page."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="inbox_seen")
    seen_until = models.DateTimeField()

    class Meta:
        verbose_name = _("läst i inkorgen")
        verbose_name_plural = _("lästa i inkorgen")

    def __str__(self):
        return f"{self.user}: {self.seen_until:%Y-%m-%d %H:%M}"
