"""Deadline reminders for recipient rows: whether one is due, to whom, and still valid.

Before the effective deadline the assigned handläggare is reminded (the organisation's
funktionsbrevlåda when nobody is assigned or the handläggare has no e-mail address);
from the day after it the organisation's granskare and nämndsekreterare as well.
A user who muted the remiss gets nothing; the organisation address cannot be muted.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from organisations.models import Role, User
from programs.models import Recipient
from responses.models import UtlatandeRecipient

from . import schedule
from .ledger import Claim
from .models import ReminderMute, SentReminder

ESCALATION_ROLES = (Role.GRANSKARE, Role.NAMNDSEKRETERARE)


def with_answer(queryset):
    """Adds the active answer of each row (one query for the lot), for active_utlatande()."""
    return queryset.prefetch_related(Prefetch(
        "links", queryset=UtlatandeRecipient.objects.filter(is_active=True)
        .select_related("utlatande"), to_attr="active_links"))


def active_utlatande(recipient: Recipient):
    links = getattr(recipient, "active_links", None)
    if links is None:
        links = list(recipient.links.filter(is_active=True).select_related("utlatande"))
    return links[0].utlatande if links else None


def escalation_staff(organisation_ids) -> dict[int, list[User]]:
    staff: dict[int, list[User]] = {}
    for user in User.objects.filter(organisation_id__in=set(organisation_ids),
                                    role__in=ESCALATION_ROLES, is_active=True):
        staff.setdefault(user.organisation_id, []).append(user)
    return staff


def muted_pairs(remiss_ids) -> set[tuple[int, int]]:
    return set(ReminderMute.objects.filter(remiss_id__in=set(remiss_ids))
               .values_list("remiss_id", "user_id"))


def addressees(recipient: Recipient, *, overdue: bool, staff: list[User] | None = None,
               muted: set[tuple[int, int]] = frozenset()) -> list[tuple[str, User | None]]:
    """(e-mail, user or None) pairs, without duplicates.

    [("", None)] means nobody could be reached: the ledger records it as undeliverable.
    """
    found: dict[str, User | None] = {}
    someone_muted = False

    def add(user: User | None, email: str):
        email = (email or "").strip().lower()
        if email and email not in found:
            found[email] = user

    handlaggare = recipient.handlaggare
    if handlaggare is not None and handlaggare.is_active:
        if (recipient.remiss_id, handlaggare.pk) in muted:
            someone_muted = True
        elif handlaggare.email:
            add(handlaggare, handlaggare.email)
        else:
            add(None, recipient.organisation.email)
    else:
        add(None, recipient.organisation.email)
    if overdue:
        if staff is None:
            staff = escalation_staff([recipient.organisation_id]).get(
                recipient.organisation_id, [])
        for user in staff:
            if (recipient.remiss_id, user.pk) in muted:
                someone_muted = True
            else:
                add(user, user.email)
    if not found and not someone_muted:
        return [("", None)]
    return list(found.items())


def claims_for(recipient: Recipient, step: schedule.Step, **kwargs) -> list[Claim]:
    return [
        Claim(kind=step.kind, target=recipient, occasion=step.occasion, addressee=email,
              user=user, deadline=recipient.effective_deadline)
        for email, user in addressees(recipient, overdue=step.is_overdue, **kwargs)
    ]


def with_status(queryset, now: datetime.datetime | None = None):
    """Rows as reminders read them: status (RecipientQuerySet.with_status) of today."""
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    return queryset.with_status(today)


def load_recipient(pk: int) -> Recipient | None:
    return (with_status(with_answer(Recipient.objects.select_related("remiss", "remiss__sender",
                                                         "organisation", "handlaggare")))
            .filter(pk=pk).first())


def still_due(row: SentReminder) -> bool:
    """At send time: still awaited, same deadline (no anstånd since), addressee not muted."""
    recipient = load_recipient(row.object_id)
    if recipient is None or not recipient.is_awaiting:
        return False
    if row.deadline and recipient.effective_deadline != row.deadline:
        return False
    if row.user_id and ReminderMute.objects.filter(user_id=row.user_id,
                                                   remiss_id=recipient.remiss_id).exists():
        return False
    return True


def sent_for(recipient: Recipient):
    return SentReminder.objects.filter(
        content_type=ContentType.objects.get_for_model(Recipient), object_id=recipient.pk,
    ).order_by("-occasion", "addressee")


def days_text(days_left: int) -> str:
    if days_left > 0:
        return ngettext("%(n)d dag kvar", "%(n)d dagar kvar", days_left) % {"n": days_left}
    if days_left == 0:
        return gettext("sista svarsdag i dag")
    late = -days_left
    return ngettext("%(n)d dag försenad", "%(n)d dagar försenad", late) % {"n": late}
