"""Test helper: the nämnd's decision on an answer, as the sammanträde records it.

Fixtures that create answers directly in a later state (beslutad, justerad) give them the
paragraph they were decided at with `decide(...)`; the app itself records it only through
meetings.services.
"""

import datetime

from django.utils.dateparse import parse_date

from meetings.models import Arende, MeetingState, Outcome, Sammantrade


def _day(value) -> datetime.date | None:
    return parse_date(value) if isinstance(value, str) else value


def decide(utlatande, *, meeting_date, paragraph=None, decision_text="", justerad_date=None,
           justerare="", outcome=Outcome.ENLIGT_FORSLAG, recorded_by=None) -> Arende:
    meeting_date = _day(meeting_date)
    meeting, _ = Sammantrade.objects.get_or_create(
        organisation=utlatande.organisation, date=meeting_date,
        defaults={"state": MeetingState.GENOMFORT})
    justerad_date = _day(justerad_date)
    if paragraph is None:
        paragraph = meeting.arenden.count() + 1
    arende = Arende.objects.create(
        meeting=meeting, utlatande=utlatande, paragraph=str(paragraph), outcome=outcome,
        decision_date=meeting_date,
        decision_text=decision_text or "Nämnden godkänner förvaltningens tjänsteutlåtande.",
        justerad_date=justerad_date, justerare=justerare or ("Ulla Ordförande"
                                                             if justerad_date else ""),
        recorded_by=recorded_by)
    utlatande.__dict__.pop("decision", None)
    return arende


DECISION_KEYS = ("meeting_date", "paragraph", "decision_text", "justerad_date", "justerare")


def pop_decision(fields: dict) -> dict:
    """The decision keys of an old-style answer factory call, removed from `fields`."""
    return {k: fields.pop(k) for k in DECISION_KEYS if k in fields}
