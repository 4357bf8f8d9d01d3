"""Just-in-time provisioning from the provider's claims, shared by OIDC and SAML.

At every login the user is created or updated from the claims, and gets the organisation
and role of the first matching RoleMapping. A known user whose claims no longer map is
deactivated (logged, reversible); their documents stay.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import User

from .models import AccountEvent, ExternalIdentity, RoleMapping


@dataclass
class Identity:
    provider: str
    subject: str
    username: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    groups: list[str] = field(default_factory=list)


def mapping_for(groups: list[str]) -> RoleMapping | None:
    return (RoleMapping.objects.select_related("organisation")
            .filter(value__in=groups).order_by("priority", "pk").first())


def user_deactivate(*, user: User, reason: str, by: User | None = None) -> bool:
    """Returns whether the account was active. Reversible with user_reactivate."""
    if not user.is_active:
        return False
    user.is_active = False
    user._change_reason = reason
    user.save(update_fields=["is_active"])
    AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.DEACTIVATED, reason=reason,
                                by=by)
    return True


def user_reactivate(*, user: User, reason: str, by: User | None = None) -> bool:
    if user.is_active:
        return False
    user.is_active = True
    user._change_reason = reason
    user.save(update_fields=["is_active"])
    AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.REACTIVATED, reason=reason,
                                by=by)
    return True


def _find_user(identity: Identity) -> tuple[User | None, ExternalIdentity | None]:
    link = (ExternalIdentity.objects.select_related("user")
            .filter(provider=identity.provider, subject=identity.subject).first())
    if link is not None:
        return link.user, link
    if settings.SSO_LINK_EXISTING_BY_USERNAME:
        # An account made before single sign-on (or by the demo) is taken over once.
        existing = User.objects.filter(username=identity.username,
                                       external_identities__isnull=True).first()
        if existing is not None and not hasattr(existing, "api_key"):
            return existing, None
    return None, None


@transaction.atomic
def user_provision(*, identity: Identity) -> User | None:
    """The user to log in, or None when the claims give no organisation and role."""
    user, link = _find_user(identity)
    mapping = mapping_for(identity.groups)
    now = timezone.now()
    if mapping is None:
        if user is not None and link is not None:
            user_deactivate(user=user, reason=_("Inloggningen ger inte längre någon behörighet "
                                                "(grupper: %(groups)s).")
                            % {"groups": ", ".join(identity.groups) or "–"})
            link.groups, link.last_login_at = identity.groups, now
            link.save(update_fields=["groups", "last_login_at"])
        return None
    if user is None:
        user = User(username=identity.username[:150])
        user.set_unusable_password()
    user.email = identity.email or user.email
    user.first_name = (identity.first_name or user.first_name)[:150]
    user.last_name = (identity.last_name or user.last_name)[:150]
    user.organisation = mapping.organisation
    user.role = mapping.role
    user._change_reason = "Inloggning med stadens konto"
    user.save()
    if not user.is_active:
        user_reactivate(user=user, reason=_("Stadens konto ger åter behörighet."))
    ExternalIdentity.objects.update_or_create(
        provider=identity.provider, subject=identity.subject,
        defaults={"user": user, "groups": identity.groups, "last_login_at": now})
    return user


def deactivate_unvouched(*, now: datetime.datetime | None = None) -> int:
    """Deactivate users who have not logged in through the provider for
    SSO_DEACTIVATE_AFTER_DAYS: a user removed from the directory can no longer log in, so
    their last login ages. Returns how many were deactivated."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.SSO_DEACTIVATE_AFTER_DAYS)
    stale = User.objects.filter(is_active=True, external_identities__last_login_at__lt=cutoff
                                ).exclude(external_identities__last_login_at__gte=cutoff
                                          ).distinct()
    reason = _("Inte inloggad med stadens konto på %(days)s dagar.") % {
        "days": settings.SSO_DEACTIVATE_AFTER_DAYS}
    return sum(user_deactivate(user=user, reason=reason) for user in stale)
