"""An API key of one integration (a diarium), stored hashed by djangorestframework-api-key.

Each key acts through its own service user (inactive, without password) so the web's
permission and visibility functions apply unchanged: the key sees what a person of its
organisation and role would see.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey

from organisations.models import Organisation


class ApiScope(models.TextChoices):
    READ = "read", _("Läsa")
    WRITE = "write", _("Skriva")


def validate_scopes(value: str) -> None:
    scopes = [s.strip() for s in value.split(",") if s.strip()]
    unknown = sorted(set(scopes) - set(ApiScope.values))
    if not scopes or unknown:
        raise ValidationError(
            _("Ange behörigheterna read och/eller write, åtskilda med komma."),
            code="bad_scopes")


class ApiKey(AbstractAPIKey):
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="api_keys")
    scopes = models.CharField(_("behörigheter"), max_length=40, default=ApiScope.READ,
                              validators=[validate_scopes],
                              help_text=_("read, write eller read,write"))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("tjänsteanvändare"),
                                on_delete=models.PROTECT, related_name="api_key",
                                editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", editable=False)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True,
                                        editable=False)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    @property
    def scope_list(self) -> list[str]:
        return [s.strip() for s in self.scopes.split(",") if s.strip()]

    def has_scope(self, scope: str) -> bool:
        return scope in self.scope_list
