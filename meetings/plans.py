"""Plans for many recipient rows at once: a fixed handful of queries, whatever the count.

Plans are computed on read from the current meetings, lead times, anstånd and workflow
state, so they are never stale: a changed meeting, lead time, anstånd, återremiss or
bordläggning shows in the next page view.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from organisations.models import Organisation
from programs.models import Recipient
from responses.models import State, UtlatandeRecipient

from .models import (
    POSTPONED_OUTCOMES,
    Arende,
    LeadTimes,
    MeetingState,
    Outcome,
    Sammantrade,
)
from .planning import (
    DEFAULT_LEAD_TIMES,
    LeadTimeValues,
    NextMilestone,
    Plan,
    Progress,
    plan_answer,
    plan_decided,
)

PROGRESS_BY_STATE = {
    State.UTKAST: Progress.UTKAST,
    State.GRANSKNING: Progress.GRANSKNING,
    State.KLAR_FOR_NAMND: Progress.SIGNERAT,
    State.BESLUTAD: Progress.BESLUTAD,
    State.JUSTERAD: Progress.JUSTERAD,
    State.BESVARAD: Progress.JUSTERAD,
}


@dataclass
class RecipientPlan:
    """The plan of one recipient row, with the objects the templates link to."""

    recipient_id: int
    plan: Plan
    meeting: Sammantrade | None
    utlatande: object | None
    next: NextMilestone | None

    @property
    def flags(self):
        return self.plan.flags


def lead_times_for(organisation_ids) -> dict[int, LeadTimeValues]:
    found = {lt.organisation_id: lt.values()
             for lt in LeadTimes.objects.filter(organisation_id__in=set(organisation_ids))}
    return {oid: found.get(oid, DEFAULT_LEAD_TIMES) for oid in organisation_ids}


def plans_for_recipients(recipients, today: datetime.date | None = None,
                         ) -> dict[int, RecipientPlan]:
    """Plan every row that awaits an answer (RecipientQuerySet.awaiting_answer()); the
    others (received, declined, remiss not out) get no plan."""
    today = today or timezone.localdate()
    recipients = list(recipients)
    if not recipients:
        return {}
    deadlines = dict(Recipient.objects.filter(pk__in=[r.pk for r in recipients])
                     .awaiting_answer().with_effective_deadline()
                     .values_list("pk", "effective_deadline"))
    rows = [r for r in recipients if r.pk in deadlines]
    if not rows:
        return {}
    org_ids = {r.organisation_id for r in rows}
    delegated = dict(Organisation.objects.filter(pk__in=org_ids)
                     .values_list("pk", "remissvar_delegated"))
    leads = lead_times_for(org_ids)
    meetings_by_org: dict[int, dict[datetime.date, Sammantrade]] = defaultdict(dict)
    # Only a meeting from today on can be planned for (planning._is_reachable); a decided
    # answer's meeting comes with its paragraph. Ten years of past meetings stay unread.
    for meeting in Sammantrade.objects.filter(organisation_id__in=org_ids,
                                              date__gte=today).exclude(
            state=MeetingState.INSTALLT):
        meetings_by_org[meeting.organisation_id][meeting.date] = meeting
    # Plans need the answer's state and dates, never its text.
    links = {link.recipient_id: link.utlatande for link in UtlatandeRecipient.objects.filter(
        recipient_id__in=[r.pk for r in rows], is_active=True).select_related("utlatande")
        .defer("utlatande__sections")}
    arenden = defaultdict(list)
    for arende in Arende.objects.filter(
            utlatande_id__in={u.pk for u in links.values()}).select_related("meeting"):
        arenden[arende.utlatande_id].append(arende)

    plans = {}
    for row in rows:
        deadline = deadlines[row.pk]
        meetings = meetings_by_org[row.organisation_id]
        lead = leads[row.organisation_id]
        utlatande = links.get(row.pk)
        progress = PROGRESS_BY_STATE[utlatande.state] if utlatande else Progress.UTKAST
        items = arenden[utlatande.pk] if utlatande else []
        decided = max((a for a in items if a.is_decided),
                      key=lambda a: (a.meeting.date, a.pk), default=None)
        if progress >= Progress.BESLUTAD and decided is not None:
            # The paragraph is the one record of the decision and its justering.
            plan = plan_decided(deadline=deadline, meeting=decided.meeting.date, lead=lead,
                                progress=progress, immediate=decided.omedelbar_justering,
                                justering=decided.justerad_date)
        else:
            postponed = max((a for a in items if a.outcome in POSTPONED_OUTCOMES),
                            key=lambda a: a.meeting.date, default=None)
            plan = plan_answer(deadline=deadline, meetings=list(meetings), lead=lead,
                               today=today, progress=progress,
                               delegated=delegated.get(row.organisation_id, False),
                               not_after_meeting=postponed.meeting.date if postponed else None,
                               # A bordlagt answer goes to the next sammanträde.
                               earliest=bool(postponed and postponed.outcome == Outcome.BORDLAGT
                                             and progress == Progress.SIGNERAT))
        plans[row.pk] = RecipientPlan(
            recipient_id=row.pk, plan=plan,
            meeting=meetings.get(plan.meeting) if plan.meeting else None,
            utlatande=utlatande, next=plan.next_milestone(today))
    return plans


def attach_plans(items, today: datetime.date | None = None) -> list:
    """Set `.meeting_plan` (RecipientPlan or None) on each item; returns them as a list.

    Items are Recipient rows, wrappers with a `.recipient` attribute (SLK's matrix rows) or
    dicts with a "recipient" key (the desk's rows; the plan is set as item["meeting_plan"]).
    A queryset is evaluated once and its cached rows are annotated, so a template iterating
    the same queryset afterwards sees the plans.
    """
    items = list(items)
    recipients = [item["recipient"] if isinstance(item, dict)
                  else getattr(item, "recipient", item) for item in items]
    plans = plans_for_recipients(recipients, today=today)
    for item, recipient in zip(items, recipients, strict=True):
        if isinstance(item, dict):
            item["meeting_plan"] = plans.get(recipient.pk)
        else:
            item.meeting_plan = plans.get(recipient.pk)
    return items
