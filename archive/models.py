"""Signed protokollsutdrag and e-arkiv export jobs."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SignedDocument(models.Model):
    """The justerat protokollsutdrag of one paragraph as stored: PDF/A plus its signatures.

    Each justerare's signature is an incremental update, so `pdf` always holds the latest
    revision and `sha256` its digest; earlier revisions are prefixes of these bytes.
    """

    arende = models.OneToOneField("meetings.Arende", on_delete=models.PROTECT,
                                  related_name="signed_document", verbose_name=_("ärende"))
    pdf = models.FileField(_("fil"), upload_to="arkiv/signerat/%Y/", editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("signerat protokollsutdrag")
        verbose_name_plural = _("signerade protokollsutdrag")

    def __str__(self):
        return str(self.arende)

    def get_absolute_url(self):
        return reverse("archive:verify_document", args=[self.pk])

    def read(self) -> bytes:
        with self.pdf.open("rb") as handle:
            return handle.read()


class DocumentSignature(models.Model):
    """One justerare's signature on a SignedDocument (the PDF holds the signature itself)."""

    document = models.ForeignKey(SignedDocument, on_delete=models.CASCADE,
                                 related_name="signatures")
    field_name = models.CharField(max_length=40)
    signer_name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(_("roll"), max_length=100)
    backend = models.CharField(max_length=40)
    signed_at = models.DateTimeField(_("signerad"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["document", "signed_at", "pk"]
        verbose_name = _("signatur")
        verbose_name_plural = _("signaturer")
        constraints = [
            models.UniqueConstraint(fields=["document", "field_name"],
                                    name="signature_field_unique_per_document"),
            models.UniqueConstraint(fields=["document", "signer_name"],
                                    name="signature_once_per_signer"),
        ]

    def __str__(self):
        return f"{self.signer_name} ({self.role})"


class ExportStatus(models.TextChoices):
    VANTAR = "vantar", _("Väntar")
    PAGAR = "pagar", _("Pågår")
    KLAR = "klar", _("Klar")
    MISSLYCKAD = "misslyckad", _("Misslyckades")


class EarkivExport(models.Model):
    """A batch of e-arkiv packages (one SIP per remiss) built by Celery, with progress."""

    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    remiss = models.ForeignKey("programs.Remiss", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("remiss"))
    status = models.CharField(_("status"), max_length=20, choices=ExportStatus.choices,
                              default=ExportStatus.VANTAR)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    result = models.FileField(upload_to="arkiv/export/%Y/", blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-arkivexport")
        verbose_name_plural = _("e-arkivexporter")

    def __str__(self):
        return f"{self.year or self.remiss} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)
