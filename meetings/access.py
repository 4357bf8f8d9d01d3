"""Who may change an organisation's sammanträden: its nämndsekreterare (and administrators)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from organisations.models import Role


def may_manage(user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_administrator or (user.role == Role.NAMNDSEKRETERARE
                                     and user.organisation_id == organisation.pk)


def require_manage(user, organisation) -> None:
    if not may_manage(user, organisation):
        raise PermissionDenied(_("Bara nämndsekreteraren i %(org)s kan ändra "
                                 "sammanträdesplanen.") % {"org": organisation})
