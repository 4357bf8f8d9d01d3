"""A per-user calendar feed (ICS) of deadlines, at a secret URL Outlook can subscribe to."""

from django.db.models import Q
from django.utils.translation import gettext as _

from organisations.models import Role
from programs.models import Recipient
from programs.selectors import visible_remisser

from .mail import calendar, deadline_event


def feed_recipients(user):
    """Open rows this user answers for: their own as handläggare; the whole organisation's
    for granskare and nämndsekreterare; every row of the remisser SLK sent."""
    rows = (Recipient.objects.awaiting_answer().filter(remiss__in=visible_remisser(user))
            .select_related("remiss", "organisation"))
    if user.is_slk:
        return rows.filter(remiss__sender_id=user.organisation_id)
    mine = Q(handlaggare=user)
    if user.role in (Role.GRANSKARE, Role.NAMNDSEKRETERARE) and user.organisation_id:
        mine |= Q(organisation_id=user.organisation_id)
    return rows.filter(mine)


def user_feed(user) -> bytes:
    rows = feed_recipients(user).order_by("remiss__deadline", "pk")
    return calendar((deadline_event(r) for r in rows), name=_("Remisstider"))
