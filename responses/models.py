"""The tjänsteutlåtande (Utlatande) and what belongs to it."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Organisation
from programs.models import Recipient, Stance

from .content import (
    validate_decision_points,
    validate_handlaggare,
    validate_sections,
    validate_signatories,
)


class State(models.TextChoices):
    UTKAST = "utkast", _("Utkast")
    GRANSKNING = "granskning", _("Granskning")
    KLAR_FOR_NAMND = "klar_for_namnd", _("Klar för nämnd")
    BESLUTAD = "beslutad", _("Beslutad")
    JUSTERAD = "justerad", _("Justerad")
    BESVARAD = "besvarad", _("Besvarad")


# From beslutad on the document is an allmän handling; from justerad on it is locked.
PUBLIC_STATES = (State.BESLUTAD, State.JUSTERAD, State.BESVARAD)
# The förvaltning's working material: a positive list, so a filter on it can use the index.
WORKING_STATES = tuple(state for state in State if state not in PUBLIC_STATES)
LOCKED_STATES = (State.JUSTERAD, State.BESVARAD)
FINAL_STATES = (State.KLAR_FOR_NAMND, *PUBLIC_STATES)


class Utlatande(models.Model):
    """A tjänsteutlåtande: the förvaltning's answer to a remiss, to its nämnd.

    A joint answer (two förvaltningar) is one document linked to several recipients.
    """

    organisation = models.ForeignKey(Organisation, verbose_name=_("förvaltning"),
                                     on_delete=models.PROTECT, related_name="utlatanden")
    recipients = models.ManyToManyField(Recipient, through="UtlatandeRecipient",
                                        related_name="utlatanden",
                                        verbose_name=_("remissinstanser"))
    title = models.CharField(_("rubrik"), max_length=400)
    date = models.DateField(_("datum"), null=True, blank=True)
    own_dnr = models.CharField(_("eget diarienummer"), max_length=60, blank=True)
    avdelning = models.CharField(_("avdelning"), max_length=200, blank=True)
    till = models.CharField(_("till"), max_length=200, blank=True)
    # [{"name": ..., "telefon": ...}]
    handlaggare = models.JSONField(_("handläggare"), default=list, blank=True,
                                   validators=[validate_handlaggare])
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ansvarig handläggare"),
                              on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="owned_utlatanden")
    # ["Nämnden godkänner ...", "Ärendet justeras omedelbart."]
    decision_points = models.JSONField(_("förslag till beslut"), default=list, blank=True,
                                       validators=[validate_decision_points])
    # [{"name": ..., "title": ..., "organisation": short or ""}]
    signatories = models.JSONField(_("undertecknare"), default=list, blank=True,
                                   validators=[validate_signatories])
    # [{"key": ..., "kind": SectionKind, "heading": ..., "html": sanitised HTML}]
    sections = models.JSONField(_("avsnitt"), default=list, blank=True,
                                validators=[validate_sections])
    stance = models.CharField(_("ställningstagande"), max_length=40, choices=Stance.choices,
                              blank=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices,
                             default=State.UTKAST, db_index=True)
    # The nämnd's decision and its justering are stored once, on the meetings.Arende
    # (reverse name `arenden`); `decision` and the read-only properties below read them.
    # Optimistic locking: every save increments it, guarded in the UPDATE's WHERE clause.
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = models.ForeignKey("self", verbose_name=_("ersätter"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="corrections")
    imported = models.BooleanField(_("importerad"), default=False)
    # The archived final PDF: rendered once at justering, served byte for byte afterwards.
    archived_pdf = models.FileField(upload_to="arkiv/%Y/", blank=True, editable=False)
    archived_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("tjänsteutlåtande")
        verbose_name_plural = _("tjänsteutlåtanden")
        constraints = [
            models.CheckConstraint(condition=models.Q(version__gte=1),
                                   name="utlatande_version_positive"),
        ]
        indexes = [models.Index(fields=["organisation", "state"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._refuse_locked_change(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("responses:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.pk and Utlatande.objects.filter(pk=self.pk, state__in=LOCKED_STATES).exists():
            raise DocumentLocked()
        return super().delete(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        """An allmän handling from beslutad on; before that arbetsmaterial."""
        return self.state in PUBLIC_STATES

    @property
    def is_locked(self) -> bool:
        return self.state in LOCKED_STATES

    @property
    def is_editable(self) -> bool:
        """Handläggare edit the text only while it is an utkast."""
        return self.state == State.UTKAST

    def _refuse_locked_change(self, update_fields) -> None:
        """Model-level guard; the database trigger (migration 0002) is the real lock.

        A justerad document may still get its archived PDF and move on to besvarad.
        """
        if self.pk is None or self._state.adding:
            return
        stored = Utlatande.objects.filter(pk=self.pk).values_list("state", flat=True).first()
        if stored not in LOCKED_STATES:
            return
        if update_fields is not None and set(update_fields) <= LOCKED_WRITABLE_FIELDS:
            return
        raise DocumentLocked()

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("decision", None)
        super().refresh_from_db(*args, **kwargs)

    @cached_property
    def decision(self):
        """The paragraph (meetings.Arende) at which the nämnd decided the answer, or None.

        Uses prefetched `arenden` (with their meeting) when a list prefetched them.
        """
        if "arenden" in getattr(self, "_prefetched_objects_cache", {}):
            decided = [a for a in self.arenden.all() if a.is_decided]
            return max(decided, key=lambda a: (a.meeting.date, a.pk), default=None)
        return (self.arenden.decided().select_related("meeting", "meeting__organisation")
                .order_by("-meeting__date", "-pk").first())

    # Read-only views of the decision, for templates and code that read the old fields.
    @property
    def meeting_date(self):
        return self.decision.meeting.date if self.decision else None

    @property
    def paragraph(self) -> str:
        return self.decision.paragraph if self.decision else ""

    @property
    def decision_text(self) -> str:
        return self.decision.decision_text if self.decision else ""

    @property
    def decision_changed(self) -> bool:
        return bool(self.decision and self.decision.is_changed)

    @property
    def justerad_date(self):
        return self.decision.justerad_date if self.decision else None

    @property
    def justerare(self) -> str:
        return self.decision.justerare if self.decision else ""

    def participating_organisation_ids(self) -> set[int]:
        """The owning organisation and every organisation whose recipient row it answers."""
        ids = {self.organisation_id}
        if not self.pk:
            return ids
        if "links" in getattr(self, "_prefetched_objects_cache", {}):
            # Lists (the desk) prefetch links__recipient: no query per document.
            ids.update(link.recipient.organisation_id for link in self.links.all()
                       if link.is_active)
        else:
            ids.update(self.links.filter(is_active=True)
                       .values_list("recipient__organisation_id", flat=True))
        return ids

    def active_recipients(self):
        return Recipient.objects.filter(links__utlatande=self, links__is_active=True)


class DocumentLocked(PermissionDenied):
    """An edit of a justerad or besvarad document."""

    def __init__(self, message=None):
        super().__init__(message or _("Dokumentet är justerat och låst. Starta en rättelse "
                                      "(ny version) för att ändra det."))


# Columns the workflow and the archiver may still write on a locked document.
LOCKED_WRITABLE_FIELDS = {"state", "version", "updated_at", "archived_pdf", "archived_sha256",
                          "archived_at"}


class UtlatandeRecipient(models.Model):
    """Links an answer to a recipient row; only one active answer per recipient."""

    utlatande = models.ForeignKey(Utlatande, on_delete=models.CASCADE, related_name="links")
    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="links")
    # False once the answer is superseded by a correction.
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar på remissinstans")
        verbose_name_plural = _("svar på remissinstanser")
        constraints = [
            models.UniqueConstraint(fields=["utlatande", "recipient"],
                                    name="utlatande_recipient_unique"),
            models.UniqueConstraint(
                fields=["recipient"], condition=models.Q(is_active=True),
                name="one_active_utlatande_per_recipient",
                violation_error_message=_("Remissinstansen har redan ett pågående svar."),
            ),
        ]

    def __str__(self):
        return f"{self.utlatande} → {self.recipient}"


class JointInvitation(models.Model):
    """One organisation asks another (a recipient of the same remiss) to answer jointly.

    A joint answer needs the consent of both: the link to the invited organisation's
    recipient row is made only when a handläggare of that organisation accepts
    (responses/joint.py). Either organisation may leave again while the answer is an utkast.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på svar")
        ACCEPTED = "accepted", _("Accepterad")
        DECLINED = "declined", _("Avböjd")
        WITHDRAWN = "withdrawn", _("Återkallad")

    utlatande = models.ForeignKey(Utlatande, on_delete=models.CASCADE,
                                  related_name="joint_invitations")
    recipient = models.ForeignKey(Recipient, verbose_name=_("inbjuden remissinstans"),
                                  on_delete=models.CASCADE, related_name="joint_invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inbjudan till gemensamt svar")
        verbose_name_plural = _("inbjudningar till gemensamt svar")
        constraints = [
            models.UniqueConstraint(
                fields=["utlatande", "recipient"], condition=models.Q(status="pending"),
                name="one_pending_joint_invitation",
                violation_error_message=_("Organisationen är redan inbjuden."),
            ),
        ]

    def __str__(self):
        return f"{self.utlatande} → {self.recipient.organisation} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class Bilaga(models.Model):
    """A numbered attachment of a tjänsteutlåtande."""

    utlatande = models.ForeignKey(Utlatande, on_delete=models.CASCADE, related_name="bilagor")
    order = models.PositiveSmallIntegerField(_("nummer"), default=1)
    title = models.CharField(_("titel"), max_length=400)
    file = models.FileField(_("fil"), upload_to="bilagor/%Y/", blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["utlatande", "order", "pk"]
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    def __str__(self):
        return f"Bilaga {self.order}: {self.title}"

    def save(self, *args, **kwargs):
        self._refuse_if_locked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_locked()
        return super().delete(*args, **kwargs)

    def _refuse_if_locked(self) -> None:
        """Bilagor are part of the locked document; only the importer may add to a
        historical (imported) answer."""
        locked = Utlatande.objects.filter(pk=self.utlatande_id, state__in=LOCKED_STATES)
        if self._state.adding:
            locked = locked.filter(imported=False)
        if locked.exists():
            raise DocumentLocked()


class TransitionRecord(models.Model):
    """One step of the workflow: who moved the document, from where to where, and why."""

    utlatande = models.ForeignKey(Utlatande, on_delete=models.CASCADE,
                                  related_name="transitions")
    # The workflow action (responses/workflow.py); a partial approval of a joint answer
    # keeps the state (from_state == to_state).
    action = models.CharField(max_length=40, blank=True)
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The organisation the person acted for (an approval of a joint answer counts per org).
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["utlatande", "at", "pk"]
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class ReviewComment(models.Model):
    """A review comment anchored to one section (by its key)."""

    utlatande = models.ForeignKey(Utlatande, on_delete=models.CASCADE, related_name="comments")
    section_key = models.CharField(max_length=40, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["utlatande", "created_at"]
        verbose_name = _("granskningskommentar")
        verbose_name_plural = _("granskningskommentarer")

    def __str__(self):
        return self.text[:60]


class ResponseTemplate(models.Model):
    """An organisation's standard text for new answers, edited by its nämndsekreterare."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="response_template")
    decision_points = models.JSONField(default=list, blank=True,
                                       validators=[validate_decision_points])
    sections = models.JSONField(default=list, blank=True, validators=[validate_sections])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mall för tjänsteutlåtande")
        verbose_name_plural = _("mallar för tjänsteutlåtanden")

    def __str__(self):
        return str(self.organisation)


class ExportJob(models.Model):
    """A long export (justering PDF/ZIP, remissammanställning) run by a Celery task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RUNNING = "running", _("Pågår")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # Written only when complete (atomic rename), so no half file is ever offered.
    file = models.FileField(upload_to="exporter/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exporter")

    def __str__(self):
        return f"{self.kind} {self.pk} ({self.status})"
