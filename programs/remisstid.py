"""How long a remiss must give its remissinstanser to answer (the remisstid).

Counted in calendar days from the day it is sent (or its remissdatum, when later). The
minimum and the warning limit are settings: REMISSTID_MIN_DAYS, REMISSTID_WARN_DAYS.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def min_days() -> int:
    return settings.REMISSTID_MIN_DAYS


def warn_days() -> int:
    return max(settings.REMISSTID_WARN_DAYS, min_days())


def _start(remiss_date: datetime.date | None, today: datetime.date) -> datetime.date:
    return max(today, remiss_date) if remiss_date else today


def validate_remisstid(deadline: datetime.date, *, remiss_date: datetime.date | None = None,
                       today: datetime.date | None = None, sent: bool = False) -> None:
    """Refuse a remisstid in the past or sooner than the minimum after sending. A remiss
    already sent may have its remisstid moved (earlier too: the reminders follow), only
    not into the past."""
    today = today or timezone.localdate()
    if deadline < today:
        raise ValidationError(
            _("Remisstiden %(date)s har redan passerat. Välj en dag efter dagens datum.")
            % {"date": deadline.isoformat()}, code="remisstid_passed")
    if sent:
        return
    earliest = _start(remiss_date, today) + datetime.timedelta(days=min_days())
    if deadline < earliest:
        raise ValidationError(
            ngettext("Remisstiden måste vara minst %(n)d dag efter utskicket, "
                     "alltså %(date)s eller senare.",
                     "Remisstiden måste vara minst %(n)d dagar efter utskicket, "
                     "alltså %(date)s eller senare.", min_days())
            % {"n": min_days(), "date": earliest.isoformat()}, code="remisstid_too_short")


def remisstid_warning(deadline: datetime.date, *, remiss_date: datetime.date | None = None,
                      today: datetime.date | None = None) -> str:
    """A warning (not a refusal) when the remisstid is shorter than recommended; else ""."""
    today = today or timezone.localdate()
    days = (deadline - _start(remiss_date, today)).days
    if days >= warn_days() or deadline < today:
        return ""
    weeks = warn_days() // 7
    return ngettext(
        "Remisstiden är bara %(days)d dag. Remissinstanserna behöver ofta minst %(weeks)d "
        "veckor för att hinna ta svaret i nämnden.",
        "Remisstiden är bara %(days)d dagar. Remissinstanserna behöver ofta minst %(weeks)d "
        "veckor för att hinna ta svaret i nämnden.", days) % {"days": days, "weeks": weeks}
