"""Milestone reminders through the reminders app's exactly-once ledger.

Once a day (beat) every open recipient row is planned (a handful of queries for all of
them) and, when its next milestone is at most REMIND_DAYS_BEFORE days ahead, one reminder
per (milestone, date, addressee) is claimed in the ledger. A re-run claims nothing new; a
plan that moved (anstånd, återremiss, a changed meeting) gives a new date and so a new
reminder, and still_due() drops one whose milestone is no longer the next at send time.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import Role, User
from programs.models import Recipient
from reminders import deadlines, ledger
from reminders.ledger import Claim

from .planning import FlagCode
from .plans import plans_for_recipients

FAMILY = "milestone"
REMIND_DAYS_BEFORE = 3
# Milestones that are the nämndsekreterare's to reach; the others are the handläggare's.
SECRETARY_MILESTONES = {"kallelse", "sammantrade", "justering"}
HINNER_INTE = "hinner_inte"


def open_recipients():
    return (Recipient.objects.awaiting_answer()
            .select_related("remiss", "organisation", "handlaggare"))


def _secretaries(organisation_ids) -> dict[int, list[User]]:
    found: dict[int, list[User]] = {}
    for user in User.objects.filter(organisation_id__in=set(organisation_ids),
                                    role=Role.NAMNDSEKRETERARE, is_active=True):
        found.setdefault(user.organisation_id, []).append(user)
    return found


def _addressees(recipient, people, muted) -> list[tuple[str, User | None]]:
    found: dict[str, User | None] = {}
    for user in people:
        if user is None or not user.is_active or (recipient.remiss_id, user.pk) in muted:
            continue
        if user.email:
            found.setdefault(user.email.strip().lower(), user)
    if not found and recipient.organisation.email:
        found[recipient.organisation.email.strip().lower()] = None
    return list(found.items()) or [("", None)]


def due_claims(recipients, today: datetime.date) -> list[Claim]:
    rows = list(recipients)
    plans = plans_for_recipients(rows, today=today)
    secretaries = _secretaries(r.organisation_id for r in rows)
    muted = deadlines.muted_pairs(r.remiss_id for r in rows)
    claims = []
    for recipient in rows:
        rp = plans.get(recipient.pk)
        if rp is None:
            continue
        staff = secretaries.get(recipient.organisation_id, [])
        if rp.plan.has_flag(FlagCode.HINNER_INTE):
            kind, occasion = f"{FAMILY}.{HINNER_INTE}", recipient.effective_deadline
            people = [recipient.handlaggare, *staff]
        elif rp.next and 0 <= (rp.next.date - today).days <= REMIND_DAYS_BEFORE:
            kind, occasion = f"{FAMILY}.{rp.next.key}", rp.next.date
            people = staff if rp.next.key in SECRETARY_MILESTONES else [recipient.handlaggare]
        else:
            continue
        for email, user in _addressees(recipient, people, muted):
            claims.append(Claim(kind=kind, target=recipient, occasion=occasion,
                                addressee=email, user=user,
                                deadline=recipient.effective_deadline))
    return claims


def send_milestone_reminders(today: datetime.date | None = None) -> int:
    """Claim (and queue) every milestone reminder due today; returns how many were new."""
    today = today or timezone.localdate()
    return len(ledger.claim(due_claims(open_recipients(), today)))


def _load(row) -> tuple[Recipient | None, object]:
    recipient = deadlines.load_recipient(row.object_id)
    if recipient is None:
        return None, None
    return recipient, plans_for_recipients([recipient]).get(recipient.pk)


def still_due(row) -> bool:
    recipient, rp = _load(row)
    if recipient is None or rp is None or not recipient.is_awaiting:
        return False
    detail = row.kind.split(".", 1)[1]
    if detail == HINNER_INTE:
        return (rp.plan.has_flag(FlagCode.HINNER_INTE)
                and recipient.effective_deadline == row.occasion)
    return rp.next is not None and rp.next.key == detail and rp.next.date == row.occasion


def build(row) -> EmailMessage:
    recipient, rp = _load(row)
    remiss = recipient.remiss
    link = f"{settings.SITE_URL}{reverse('meetings:plan', args=[recipient.organisation.short])}"
    lines = []
    if row.kind.endswith(HINNER_INTE):
        flag = next(f for f in rp.plan.flags if f.code == FlagCode.HINNER_INTE)
        subject = _("Hinner inte – begär anstånd: %(title)s") % {"title": remiss.title}
        lines += [flag.explanation, "",
                  _("Begär anstånd hos kommunstyrelsen eller be nämnden om ett extra "
                    "sammanträde.")]
    else:
        subject = _("Milstolpe %(date)s: %(label)s – %(title)s") % {
            "date": f"{rp.next.date:%Y-%m-%d}", "label": rp.next.label, "title": remiss.title}
        lines.append(_("%(label)s senast %(date)s för att svaret ska hinna till nämndens "
                       "sammanträde %(meeting)s.") % {
            "label": rp.next.label, "date": f"{rp.next.date:%Y-%m-%d}",
            "meeting": f"{rp.plan.meeting:%Y-%m-%d}"})
        for flag in rp.plan.flags:
            lines.append(f"{flag.label}: {flag.explanation}")
    lines += ["", _("Remiss: %(title)s (%(dnr)s)") % {"title": remiss.title,
                                                     "dnr": remiss.ks_dnr},
              _("Remisstid: %(date)s") % {"date": f"{recipient.effective_deadline:%Y-%m-%d}"},
              _("Sammanträdesplan: %(url)s") % {"url": link}]
    return EmailMessage(subject=subject, body="\n".join(lines),
                        from_email=settings.DEFAULT_FROM_EMAIL, to=[row.addressee])
