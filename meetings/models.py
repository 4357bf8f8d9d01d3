"""Sammanträden (nämnd meetings), each organisation's lead times, and the items decided."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Organisation

from .planning import DEFAULT_LEAD_TIMES, LeadTimeValues

# The whole chain from utkast klart to justering may not exceed this many days: beyond it
# no realistic remisstid (usually 2–3 months) can ever be met.
MAX_TOTAL_LEAD_DAYS = 90


class LeadTimes(models.Model):
    """How far ahead of a sammanträde each step must be done; edited by the nämndsekreterare."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="meeting_lead_times",
                                        verbose_name=_("organisation"))
    kallelse_days = models.PositiveSmallIntegerField(
        _("kallelse skickas (dagar före sammanträdet)"), default=DEFAULT_LEAD_TIMES.kallelse_days,
        validators=[MinValueValidator(0), MaxValueValidator(45)])
    signering_days = models.PositiveSmallIntegerField(
        _("förvaltningschefens signering (dagar)"), default=DEFAULT_LEAD_TIMES.signering_days,
        validators=[MinValueValidator(0), MaxValueValidator(30)])
    granskning_days = models.PositiveSmallIntegerField(
        _("granskning (dagar)"), default=DEFAULT_LEAD_TIMES.granskning_days,
        validators=[MinValueValidator(0), MaxValueValidator(45)])
    justering_days = models.PositiveSmallIntegerField(
        _("justering (dagar efter sammanträdet)"), default=DEFAULT_LEAD_TIMES.justering_days,
        validators=[MinValueValidator(0), MaxValueValidator(30)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ledtider")
        verbose_name_plural = _("ledtider")

    def __str__(self):
        return str(self.organisation)

    def values(self) -> LeadTimeValues:
        return LeadTimeValues(kallelse_days=self.kallelse_days,
                              signering_days=self.signering_days,
                              granskning_days=self.granskning_days,
                              justering_days=self.justering_days)


class MeetingState(models.TextChoices):
    PLANERAT = "planerat", _("Planerat")
    GENOMFORT = "genomfort", _("Genomfört")
    INSTALLT = "installt", _("Inställt")


class Sammantrade(models.Model):
    """One meeting of a nämnd (or bolagsstyrelse)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="sammantraden",
                                     verbose_name=_("organisation"))
    date = models.DateField(_("datum"))
    time = models.TimeField(_("tid"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=200, blank=True)
    state = models.CharField(_("status"), max_length=20, choices=MeetingState.choices,
                             default=MeetingState.PLANERAT)
    # Justering of the minutes (for the items not justerade omedelbart).
    justerare = models.CharField(_("justerare"), max_length=300, blank=True)
    justerad_date = models.DateField(_("protokollet justerat"), null=True, blank=True)
    # Set when imported from an ICS file, so a re-import updates instead of duplicating.
    uid = models.CharField(max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped also when one of its §§ changes (api/stamps.py); read by the API's sync.
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "date"]
        verbose_name = _("sammanträde")
        verbose_name_plural = _("sammanträden")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "date"], name="sammantrade_one_per_day",
                violation_error_message=_("Det finns redan ett sammanträde den dagen."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "date"], name="sammantrade_org_date")]

    def __str__(self):
        return f"{self.organisation} {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.state == MeetingState.INSTALLT


class Outcome(models.TextChoices):
    """What the nämnd did with a paragraph, as Swedish minutes put it."""

    ENLIGT_FORSLAG = "enligt_forslag", _("Beslut enligt förslaget")
    ANDRAT = "andrat", _("Ändrat beslut")
    AVSLAG = "avslag", _("Avslag")
    ATERREMITTERAT = "aterremitterat", _("Återremitterat")
    BORDLAGT = "bordlagt", _("Bordlagt")


# A decision ends the paragraph (the answer becomes beslutad, then justerad); återremiss and
# bordläggning leave the answer to be decided again at a later meeting.
DECIDED_OUTCOMES = (Outcome.ENLIGT_FORSLAG, Outcome.ANDRAT, Outcome.AVSLAG)
POSTPONED_OUTCOMES = (Outcome.ATERREMITTERAT, Outcome.BORDLAGT)


class ArendeQuerySet(models.QuerySet):
    def decided(self):
        return self.filter(outcome__in=DECIDED_OUTCOMES)

    def not_justerade(self):
        return self.filter(justerad_date__isnull=True)


class Arende(models.Model):
    """One tjänsteutlåtande as a paragraph (§) of a sammanträde, with what the nämnd did.

    The only record of the nämnd's decision and of the paragraph's justering: the answer
    reads them from here (Utlatande.decision).
    """

    meeting = models.ForeignKey(Sammantrade, on_delete=models.PROTECT, related_name="arenden",
                                verbose_name=_("sammanträde"))
    utlatande = models.ForeignKey("responses.Utlatande", on_delete=models.PROTECT,
                                  related_name="arenden", verbose_name=_("tjänsteutlåtande"))
    paragraph = models.CharField(_("paragraf (§)"), max_length=20, blank=True)
    outcome = models.CharField(_("beslut"), max_length=20, choices=Outcome.choices)
    # The meeting's date, or a later day when an adjourned meeting went on.
    decision_date = models.DateField(_("beslutsdatum"))
    decision_text = models.TextField(_("beslutstext"), blank=True)
    omedelbar_justering = models.BooleanField(_("justeras omedelbart"), default=False)
    justerad_date = models.DateField(_("justerad"), null=True, blank=True)
    justerare = models.CharField(_("justerare"), max_length=300, blank=True)
    # Empty only for paragraphs migrated from before the meeting was the one door.
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ArendeQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "paragraph"], condition=~models.Q(paragraph=""),
                name="arende_paragraph_unique_per_meeting",
                violation_error_message=_("Paragrafnumret används redan vid sammanträdet."),
            ),
            models.UniqueConstraint(fields=["meeting", "utlatande"],
                                    name="arende_once_per_meeting"),
            models.CheckConstraint(
                condition=models.Q(justerad_date__isnull=True)
                | models.Q(justerad_date__gte=models.F("decision_date")),
                name="arende_justerad_after_decision",
                violation_error_message=_("Paragrafen kan inte justeras före beslutet."),
            ),
        ]

    def __str__(self):
        return f"§ {self.paragraph} {self.utlatande}"

    def save(self, *args, **kwargs):
        if self.decision_date is None and self.meeting_id:
            self.decision_date = self.meeting.date  # decided on the meeting day, as usual
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:utdrag", args=[self.pk])

    @property
    def is_decided(self) -> bool:
        return self.outcome in DECIDED_OUTCOMES

    @property
    def is_justerad(self) -> bool:
        return self.justerad_date is not None

    def utdrag_file_name(self) -> str:
        """The protokollsutdrag's download name, the same on the web and in the API."""
        return (f"protokollsutdrag-{self.meeting.organisation.short}-"
                f"{self.meeting.date:%Y-%m-%d}-{self.paragraph}.pdf")

    @property
    def is_changed(self) -> bool:
        """The nämnd did not simply follow the förvaltning's proposal."""
        return self.outcome in (Outcome.ANDRAT, Outcome.AVSLAG)

    def statements_of(self, kind) -> list:
        return [s for s in self.statements.all() if s.kind == kind]

    @property
    def reservationer(self) -> list:
        return self.statements_of(StatementKind.RESERVATION)

    @property
    def sarskilda_yttranden(self) -> list:
        return self.statements_of(StatementKind.SARSKILT_YTTRANDE)

    @property
    def jav(self) -> list:
        return self.statements_of(StatementKind.JAV)


class StatementKind(models.TextChoices):
    RESERVATION = "reservation", _("Reservation")
    SARSKILT_YTTRANDE = "sarskilt_yttrande", _("Särskilt yttrande")
    JAV = "jav", _("Jäv")


class MemberStatement(models.Model):
    """A ledamot's reservation or särskilt yttrande on a paragraph, or the ledamot's jäv
    (did not take part in the handling)."""

    arende = models.ForeignKey(Arende, on_delete=models.CASCADE, related_name="statements",
                               verbose_name=_("ärende"))
    kind = models.CharField(_("slag"), max_length=20, choices=StatementKind.choices)
    member = models.CharField(_("ledamot"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["arende", "kind", "pk"]
        verbose_name = _("reservation, särskilt yttrande eller jäv")
        verbose_name_plural = _("reservationer, särskilda yttranden och jäv")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.member}"
