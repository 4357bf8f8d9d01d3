"""Who may do what with remisser: stadsledningskontoret owns them."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def may_manage_remisser(user) -> bool:
    """SLK (and administrators) create, send, close remisser and decide on anstånd."""
    return user.is_authenticated and (user.is_slk or user.is_administrator)


def may_act_for_recipient(user, recipient) -> bool:
    """Members of the answering organisation may ask for anstånd or decline."""
    return user.is_authenticated and user.organisation_id == recipient.organisation_id


def slk_required(view):
    """Anonymous users go to the login page; other roles get 403."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_manage_remisser(request.user):
            raise PermissionDenied(_("Endast stadsledningskontoret kan göra detta."))
        return view(request, *args, **kwargs)

    return login_required(wrapper)
