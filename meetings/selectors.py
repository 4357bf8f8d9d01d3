"""Reads: the agenda of a sammanträde and an organisation's planned answers."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from programs.models import Recipient, RemissStatus
from responses.models import State
from responses.selectors import visible_utlatanden

from .models import Arende, MeetingState, Sammantrade
from .plans import RecipientPlan, attach_plans


def open_recipients(organisation):
    return (Recipient.objects.filter(organisation=organisation,
                                     remiss__status=RemissStatus.UTSKICKAD)
            .select_related("remiss", "organisation", "handlaggare")
            .order_by("remiss__deadline", "pk"))


def planned_recipients(organisation, today: datetime.date | None = None) -> list[Recipient]:
    """The organisation's open recipient rows, each with `.meeting_plan`."""
    return attach_plans(open_recipients(organisation), today=today)


@dataclass
class AgendaRow:
    recipient: Recipient
    plan: RecipientPlan | None
    utlatande: object | None
    planned_here: bool
    arende: Arende | None = None

    @property
    def ready(self) -> bool:
        """Only a signed answer (klar för nämnd) can be decided."""
        return self.utlatande is not None and self.utlatande.state == State.KLAR_FOR_NAMND


def agenda(meeting: Sammantrade, user, today: datetime.date | None = None) -> list[AgendaRow]:
    """What the meeting decides: answers planned for it, other signed answers, and the items
    already recorded. Plans are taken as they stood on the meeting day."""
    today = today or timezone.localdate()
    rows = attach_plans(open_recipients(meeting.organisation),
                        today=min(today, meeting.date))
    visible = set(visible_utlatanden(user).filter(
        organisation=meeting.organisation).values_list("pk", flat=True)) | set(
        visible_utlatanden(user).filter(
            links__recipient__organisation=meeting.organisation).values_list("pk", flat=True))
    recorded = {a.utlatande_id: a for a in meeting.arenden.select_related("utlatande")}
    result, seen = [], set()
    for recipient in rows:
        plan = recipient.meeting_plan
        if plan is None:
            continue
        utlatande = plan.utlatande
        if utlatande is not None and (utlatande.pk in seen or utlatande.pk not in visible):
            continue
        planned_here = plan.plan.meeting == meeting.date
        arende = recorded.get(utlatande.pk) if utlatande else None
        ready = utlatande is not None and utlatande.state == State.KLAR_FOR_NAMND
        if not (arende or planned_here or (ready and meeting.state != MeetingState.INSTALLT)):
            continue
        if utlatande is not None:
            seen.add(utlatande.pk)
        result.append(AgendaRow(recipient=recipient, plan=plan, utlatande=utlatande,
                                planned_here=planned_here, arende=arende))
    # Items recorded here whose recipient is no longer open (answered, closed remiss).
    for pk, arende in recorded.items():
        if pk not in seen and pk in visible:
            result.append(AgendaRow(recipient=None, plan=None, utlatande=arende.utlatande,
                                    planned_here=True, arende=arende))
    result.sort(key=lambda r: (r.arende is None, _paragraph_key(r.arende), not r.planned_here,
                               r.utlatande is None, str(r.utlatande or "")))
    return result


def _paragraph_key(arende):
    if arende is None:
        return (0, "")
    digits = "".join(ch for ch in arende.paragraph if ch.isdigit())
    return (int(digits) if digits else 0, arende.paragraph)
