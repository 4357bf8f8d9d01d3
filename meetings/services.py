"""Writes of the meetings app: recording what a sammanträde decided, and the justering.

Every change of a tjänsteutlåtande goes through responses.workflow.apply, so roles, states,
history and signals stay in one place. Each service runs in one transaction: if any item is
refused, nothing of the meeting is saved.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from responses.models import State, Utlatande

from .models import DECIDED_OUTCOMES, Arende, MeetingState, Outcome, Sammantrade


class RecordingError(Exception):
    """The sammanträde could not be recorded; the message is Swedish."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class ItemDecision:
    utlatande: Utlatande
    paragraph: str
    outcome: str
    decision_text: str = ""
    omedelbar_justering: bool = False


def proposal_text(utlatande: Utlatande) -> str:
    """Förvaltningens förslag till beslut as numbered lines: the decision 'as proposed'."""
    points = [str(p).strip() for p in (utlatande.decision_points or []) if str(p).strip()]
    if len(points) == 1:
        return points[0]
    return "\n".join(f"{number}. {point}" for number, point in enumerate(points, start=1))


def _sign_justering(arenden, justerare: str, user) -> None:
    """The signed protokollsutdrag (archive app): one PAdES signature per justerare."""
    from archive.services import sign_justering  # the archive app builds on meetings
    from archive.signers import SigningError

    try:
        sign_justering(arenden=arenden, justerare=justerare, by=user)
    except SigningError as error:
        raise RecordingError(str(error)) from error


def _workflow():
    from responses import workflow  # the drafting app's module; imported late on purpose

    return workflow


def record_meeting(meeting: Sammantrade, user, items: list[ItemDecision], *,
                   justerare: str = "") -> list[Arende]:
    """Record the nämnd's decisions on several answers at once.

    Decided items are beslutade through the workflow (and justerade the same day when the
    paragraph is justerad omedelbart); återremitterade go back to utkast; bordlagda stay
    klar för nämnd and are planned for a later meeting.
    """
    workflow = _workflow()
    if meeting.date > timezone.localdate():
        raise RecordingError(_("Sammanträdet har inte hållits ännu."))
    if meeting.is_cancelled:
        raise RecordingError(_("Sammanträdet är inställt."))
    created = []
    try:
        with transaction.atomic():
            for item in items:
                text = item.decision_text.strip()
                if item.outcome == Outcome.ENLIGT_FORSLAG:
                    text = proposal_text(item.utlatande)
                arende = Arende(meeting=meeting, utlatande=item.utlatande,
                                paragraph=item.paragraph.strip(), outcome=item.outcome,
                                decision_text=text,
                                omedelbar_justering=item.omedelbar_justering,
                                recorded_by=user)
                arende.validate_constraints()
                arende.save()
                created.append(arende)
                if item.outcome in DECIDED_OUTCOMES:
                    workflow.apply(item.utlatande, "besluta", user, meeting_date=meeting.date,
                                   paragraph=arende.paragraph, decision_text=text,
                                   decision_changed=item.outcome == Outcome.ANDRAT)
                    if item.omedelbar_justering:
                        workflow.apply(item.utlatande, "justera", user,
                                       justerad_date=meeting.date, justerare=justerare)
                        _sign_justering([arende], justerare, user)
                elif item.outcome == Outcome.ATERREMITTERAT:
                    workflow.apply(item.utlatande, "aterremittera", user,
                                   comment=_("Återremitterat vid sammanträdet %(d)s, § %(p)s.")
                                   % {"d": f"{meeting.date:%Y-%m-%d}", "p": arende.paragraph})
            if meeting.state == MeetingState.PLANERAT:
                meeting.state = MeetingState.GENOMFORT
                meeting.save(update_fields=["state"])
    except workflow.TransitionError as error:
        raise RecordingError(error.message) from error
    except ValidationError as error:
        raise RecordingError(" ".join(error.messages)) from error
    return created


def justera_protocol(meeting: Sammantrade, user, *, justerare: str,
                     justerad_date: datetime.date) -> int:
    """Justera the minutes: every paragraph decided at the meeting and not yet justerad."""
    workflow = _workflow()
    pending = list(Utlatande.objects.filter(
        arenden__meeting=meeting, arenden__outcome__in=DECIDED_OUTCOMES,
        state=State.BESLUTAD).distinct())
    try:
        with transaction.atomic():
            for utlatande in pending:
                workflow.apply(utlatande, "justera", user, justerad_date=justerad_date,
                               justerare=justerare)
            meeting.justerare = justerare
            meeting.justerad_date = justerad_date
            meeting.save(update_fields=["justerare", "justerad_date"])
            _sign_justering(Arende.objects.filter(meeting=meeting, utlatande__in=pending,
                                                  outcome__in=DECIDED_OUTCOMES),
                            justerare, user)
    except workflow.TransitionError as error:
        raise RecordingError(error.message) from error
    return len(pending)
