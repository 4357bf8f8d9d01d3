"""The city's login: which group gives which organisation and role, who came from where,
and the log of accounts the provider stopped vouching for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Organisation, Role


class RoleMapping(models.Model):
    """A group (or attribute value) from the provider → an organisation and a role.

    With several matching groups the lowest priority number wins.
    """

    value = models.CharField(_("grupp eller attributvärde"), max_length=300, unique=True,
                             help_text=_("Till exempel gruppens namn eller objekt-id i "
                                         "Entra ID."))
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="role_mappings")
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)
    priority = models.PositiveSmallIntegerField(_("prioritet"), default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "value"]
        verbose_name = _("behörighetsmappning")
        verbose_name_plural = _("behörighetsmappningar")

    def __str__(self):
        return f"{self.value} → {self.organisation} ({self.get_role_display()})"


class ExternalIdentity(models.Model):
    """A user as the provider knows them: the stable subject (sub / NameID)."""

    class Provider(models.TextChoices):
        OIDC = "oidc", "OpenID Connect"
        SAML = "saml", "SAML 2.0"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="external_identities")
    provider = models.CharField(max_length=10, choices=Provider.choices)
    subject = models.CharField(_("subjekt"), max_length=255)
    groups = models.JSONField(_("grupper vid senaste inloggningen"), default=list, blank=True)
    last_login_at = models.DateTimeField(_("senast inloggad via stadens konto"))

    class Meta:
        verbose_name = _("extern identitet")
        verbose_name_plural = _("externa identiteter")
        constraints = [models.UniqueConstraint(fields=["provider", "subject"],
                                               name="external_identity_unique")]

    def __str__(self):
        return f"{self.get_provider_display()}: {self.subject}"


class AccountEvent(models.Model):
    """Deactivation and reactivation of an account: never a deletion of its documents."""

    class Kind(models.TextChoices):
        DEACTIVATED = "deactivated", _("Inaktiverad")
        REACTIVATED = "reactivated", _("Återaktiverad")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="account_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.CharField(_("skäl"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+",
                           help_text=_("Tom när inloggningen eller en schemalagd kontroll "
                                       "gjorde ändringen."))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("kontohändelse")
        verbose_name_plural = _("kontohändelser")

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} ({self.reason})"
