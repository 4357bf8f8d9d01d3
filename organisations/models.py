"""Organisations of the city (nämnder, bolag, KS) and the users who work in them."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OrganisationKind(models.TextChoices):
    KOMMUNSTYRELSE = "kommunstyrelse", _("Kommunstyrelse")
    FACKNAMND = "facknamnd", _("Facknämnd")
    STADSDELSNAMND = "stadsdelsnamnd", _("Stadsdelsnämnd")
    BOLAG = "bolag", _("Bolagsstyrelse")
    RAD = "rad", _("Råd")


class Organisation(models.Model):
    """A remissinstans: a nämnd or bolagsstyrelse together with its förvaltning."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    forvaltning = models.CharField(_("förvaltning"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=OrganisationKind.choices)
    short = models.SlugField(_("kortnamn"), max_length=20, unique=True)
    email = models.EmailField(_("funktionsbrevlåda"), blank=True)
    logo = models.ImageField(_("logotyp"), upload_to="logos/", blank=True)
    # The nämnd has delegated answering remisser to the förvaltningschef (delegationsbeslut).
    remissvar_delegated = models.BooleanField(_("remissvar delegerat till förvaltningschef"),
                                              default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self):
        return self.name

    @property
    def is_stadsledningskontoret(self) -> bool:
        return self.kind == OrganisationKind.KOMMUNSTYRELSE


class Role(models.TextChoices):
    HANDLAGGARE = "handlaggare", _("Handläggare")
    GRANSKARE = "granskare", _("Granskare/chef")
    NAMNDSEKRETERARE = "namndsekreterare", _("Nämndsekreterare")
    STADSLEDNINGSKONTORET = "stadsledningskontoret", _("Stadsledningskontoret")
    ADMINISTRATOR = "administrator", _("Administratör")


class User(AbstractUser):
    """A person; belongs to one organisation with one role."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="users",
    )
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices,
                            default=Role.HANDLAGGARE)
    title = models.CharField(_("titel"), max_length=120, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR or self.is_superuser

    @property
    def is_slk(self) -> bool:
        return self.role == Role.STADSLEDNINGSKONTORET

    def may_sign(self) -> bool:
        return self.role == Role.GRANSKARE
