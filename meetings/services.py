"""Writes of the meetings app: the one door for the nämnd's decisions and the justering.

The sammanträde is where a decision is recorded (`sammantrade_record`), where a paragraph
or the whole protokoll is justerad (`arende_justera`, `sammantrade_justera`) and where a
wrongly entered § or date is corrected before justering (`arende_correct`). The answer
(Utlatande) only reads the Arende; its state still moves through responses.workflow.apply,
so roles, history and signals stay in one place. Each service runs in one transaction that
first locks the meeting row: concurrent identical posts are serialised and the later ones
find the paragraph already recorded.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from responses.models import State, Utlatande

from .models import (
    DECIDED_OUTCOMES,
    Arende,
    MeetingState,
    MemberStatement,
    Outcome,
    Sammantrade,
)
from .signals import arende_justerad


class RecordingError(Exception):
    """The sammanträde could not be recorded; the message is Swedish."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Statement:
    kind: str
    member: str
    text: str = ""


@dataclass
class ItemDecision:
    utlatande: Utlatande
    paragraph: str
    outcome: str
    decision_text: str = ""
    omedelbar_justering: bool = False
    statements: list[Statement] = field(default_factory=list)


@dataclass
class RecordResult:
    created: list[Arende]
    # Items that an identical earlier post (a double click, a second tab) already stored.
    already: list[Arende]


# The paragraph's text when the nämnd wrote none of its own.
DEFAULT_TEXTS = {
    Outcome.AVSLAG: gettext_noop("Nämnden avslår förvaltningens förslag till beslut."),
    Outcome.ATERREMITTERAT: gettext_noop("Nämnden återremitterar ärendet till förvaltningen."),
    Outcome.BORDLAGT: gettext_noop("Nämnden bordlägger ärendet."),
}


def proposal_text(utlatande: Utlatande) -> str:
    """Förvaltningens förslag till beslut as numbered lines: the decision 'as proposed'."""
    points = [str(p).strip() for p in (utlatande.decision_points or []) if str(p).strip()]
    if len(points) == 1:
        return points[0]
    return "\n".join(f"{number}. {point}" for number, point in enumerate(points, start=1))


def proposes_omedelbar_justering(utlatande: Utlatande) -> bool:
    """Whether the förslag till beslut says "Ärendet justeras omedelbart"."""
    return any("justeras omedelbart" in str(p).lower() for p in (utlatande.decision_points or []))


def decision_text_for(utlatande: Utlatande, outcome: str, text: str) -> str:
    """The text of the paragraph: the proposal when followed, else the nämnd's own words."""
    text = (text or "").replace("\r\n", "\n").strip()  # browsers post textarea lines CRLF
    proposal = proposal_text(utlatande)
    if outcome == Outcome.ENLIGT_FORSLAG:
        return proposal
    if text == proposal:
        text = ""  # the form's prefilled proposal, left as it was: not the nämnd's words
    if not text and outcome in DEFAULT_TEXTS:
        return _(DEFAULT_TEXTS[outcome])
    return text


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


def check_decision_date(meeting: Sammantrade, day: datetime.date,
                        today: datetime.date | None = None) -> None:
    """A decision is taken at the meeting (or its adjourned continuation), never ahead."""
    today = today or timezone.localdate()
    if day < meeting.date:
        raise RecordingError(_("Beslutsdatumet %(d)s ligger före sammanträdet %(m)s.") % {
            "d": f"{day:%Y-%m-%d}", "m": f"{meeting.date:%Y-%m-%d}"})
    if day > today:
        raise RecordingError(_("Beslutsdatumet %(d)s ligger i framtiden. Ett beslut kan "
                               "registreras först när sammanträdet har hållits.") % {
            "d": f"{day:%Y-%m-%d}"})


def check_justering_date(decision_date: datetime.date, day: datetime.date,
                         today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if day < decision_date:
        raise RecordingError(_("Justeringsdatumet %(d)s ligger före beslutet %(b)s.") % {
            "d": f"{day:%Y-%m-%d}", "b": f"{decision_date:%Y-%m-%d}"})
    if day > today:
        raise RecordingError(_("Justeringsdatumet kan inte ligga i framtiden."))


def _lock(meeting: Sammantrade) -> Sammantrade:
    return Sammantrade.objects.select_for_update().get(pk=meeting.pk)


def _same(arende: Arende, item: ItemDecision) -> bool:
    return (arende.paragraph == item.paragraph.strip() and arende.outcome == item.outcome)


def sammantrade_record(*, meeting: Sammantrade, by, items: list[ItemDecision],
                       decision_date: datetime.date | None = None,
                       justerare: str = "") -> RecordResult:
    """Record the nämnd's decisions on several answers at once.

    Decided items (enligt förslag, ändrat, avslag) make the answer beslutad, and justerad
    the same day when the paragraph is justerad omedelbart; återremitterade go back to
    utkast; bordlagda stay klar för nämnd for a later meeting. An item that an identical
    earlier post already stored is reported in `already`, not stored twice.
    """
    workflow = _workflow()
    decision_date = decision_date or meeting.date
    if meeting.is_cancelled:
        raise RecordingError(_("Sammanträdet är inställt."))
    if meeting.date > timezone.localdate():
        raise RecordingError(_("Sammanträdet har inte hållits ännu."))
    check_decision_date(meeting, decision_date)
    created, already = [], []
    try:
        with transaction.atomic():
            meeting = _lock(meeting)
            if meeting.justerad_date is not None:
                raise RecordingError(_("Protokollet är redan justerat; inga fler beslut kan "
                                       "registreras vid sammanträdet."))
            existing = {a.utlatande_id: a for a in meeting.arenden.all()}
            for item in items:
                earlier = existing.get(item.utlatande.pk)
                if earlier is not None:
                    if not _same(earlier, item):
                        raise RecordingError(
                            _("”%(t)s” är redan registrerat vid sammanträdet som § %(p)s.") %
                            {"t": item.utlatande.title, "p": earlier.paragraph})
                    already.append(earlier)
                    continue
                created.append(_record_item(meeting, by, item, decision_date, justerare))
            if meeting.state == MeetingState.PLANERAT:
                meeting.state = MeetingState.GENOMFORT
                meeting.save(update_fields=["state"])
    except workflow.TransitionError as error:
        raise RecordingError(error.message) from error
    except ValidationError as error:
        raise RecordingError(" ".join(error.messages)) from error
    except IntegrityError as error:
        # Only reachable when the lock is bypassed (another door than this service).
        raise RecordingError(_("Beslutet är redan registrerat. Ladda om sidan.")) from error
    return RecordResult(created=created, already=already)


def _record_item(meeting, by, item: ItemDecision, decision_date, justerare) -> Arende:
    workflow = _workflow()
    text = decision_text_for(item.utlatande, item.outcome, item.decision_text)
    arende = Arende(meeting=meeting, utlatande=item.utlatande,
                    paragraph=item.paragraph.strip(), outcome=item.outcome,
                    decision_date=decision_date, decision_text=text,
                    omedelbar_justering=item.omedelbar_justering and item.outcome in
                    DECIDED_OUTCOMES, recorded_by=by)
    arende.validate_constraints()
    arende._history_user = by
    arende.save()
    _replace_statements(arende, item.statements)
    if item.outcome in DECIDED_OUTCOMES:
        workflow.apply(item.utlatande, "besluta", by, arende=arende)
        if arende.omedelbar_justering:
            arende_justera(arende=arende, by=by, justerare=justerare,
                           justerad_date=decision_date)
    elif item.outcome == Outcome.ATERREMITTERAT:
        workflow.apply(item.utlatande, "aterremittera", by, arende=arende,
                       comment=_("Återremitterat vid sammanträdet %(d)s, § %(p)s.")
                       % {"d": f"{meeting.date:%Y-%m-%d}", "p": arende.paragraph})
    return arende


def _replace_statements(arende: Arende, statements: list[Statement]) -> None:
    arende.statements.all().delete()
    MemberStatement.objects.bulk_create(
        [MemberStatement(arende=arende, kind=s.kind, member=s.member.strip(),
                         text=s.text.strip()) for s in statements if s.member.strip()])


def arende_justera(*, arende: Arende, by, justerare: str,
                   justerad_date: datetime.date) -> Arende:
    """Justera one paragraph: the single place where a § becomes justerad.

    Used for omedelbar justering and, per paragraph, by `sammantrade_justera`. A decided
    answer moves to justerad (and is archived by responses.pdf). Once committed,
    `meetings.signals.arende_justerad` is sent: hook signing or archiving there.
    """
    justerare = (justerare or "").strip()
    if not justerare:
        raise RecordingError(_("Ange justerare."))
    if arende.is_justerad:
        raise RecordingError(_("§ %(p)s är redan justerad.") % {"p": arende.paragraph})
    check_justering_date(arende.decision_date, justerad_date)
    with transaction.atomic():
        arende.justerad_date = justerad_date
        arende.justerare = justerare
        arende._history_user = by
        arende.save(update_fields=["justerad_date", "justerare"])
        if arende.is_decided:
            utlatande = arende.utlatande
            if utlatande.state == State.BESLUTAD:
                _workflow().apply(utlatande, "justera", by, arende=arende)
            # The signed protokollsutdrag: a failed signature undoes the justering.
            _sign_justering([arende], justerare, by)
        transaction.on_commit(lambda: arende_justerad.send(sender=Arende, arende=arende,
                                                           by=by))
    return arende


def sammantrade_justera(*, meeting: Sammantrade, by, justerare: str,
                        justerad_date: datetime.date) -> list[Arende]:
    """Justera the protokoll: every paragraph of the meeting not yet justerad.

    Returns the paragraphs justerade now (those justerade omedelbart were done already).
    """
    workflow = _workflow()
    try:
        with transaction.atomic():
            meeting = _lock(meeting)
            if meeting.justerad_date is not None:
                raise RecordingError(_("Protokollet är redan justerat %(d)s.") % {
                    "d": f"{meeting.justerad_date:%Y-%m-%d}"})
            pending = list(meeting.arenden.not_justerade().select_related("utlatande"))
            if not pending and not meeting.arenden.exists():
                raise RecordingError(_("Inga beslut är registrerade vid sammanträdet."))
            latest = max((a.decision_date for a in meeting.arenden.all()),
                         default=meeting.date)
            check_justering_date(latest, justerad_date)
            for arende in pending:
                arende_justera(arende=arende, by=by, justerare=justerare,
                               justerad_date=justerad_date)
            meeting.justerare = justerare.strip()
            meeting.justerad_date = justerad_date
            meeting._history_user = by
            meeting.save(update_fields=["justerare", "justerad_date"])
    except workflow.TransitionError as error:
        raise RecordingError(error.message) from error
    return pending


def arende_correct(*, arende: Arende, by, paragraph: str, decision_date: datetime.date,
                   decision_text: str | None = None,
                   statements: list[Statement] | None = None, reason: str) -> Arende:
    """Correct a wrongly entered §, decision date, decision text or the ledamöter's
    statements before justering; the change and its reason are kept in the history."""
    reason = (reason or "").strip()
    if not reason:
        raise RecordingError(_("Skriv varför uppgifterna rättas."))
    with transaction.atomic():
        _lock(arende.meeting)
        arende = Arende.objects.select_related("meeting", "utlatande").get(pk=arende.pk)
        if arende.is_justerad:
            raise RecordingError(_("§ %(p)s är justerad och kan inte längre rättas.") % {
                "p": arende.paragraph})
        check_decision_date(arende.meeting, decision_date)
        paragraph = paragraph.strip()
        if not paragraph:
            raise RecordingError(_("Ange paragrafnumret (§)."))
        if arende.meeting.arenden.exclude(pk=arende.pk).filter(paragraph=paragraph).exists():
            raise RecordingError(_("§ %(p)s används redan vid sammanträdet.") % {
                "p": paragraph})
        arende.paragraph = paragraph
        arende.decision_date = decision_date
        if decision_text is not None and arende.outcome != Outcome.ENLIGT_FORSLAG:
            text = decision_text_for(arende.utlatande, arende.outcome, decision_text)
            if arende.outcome == Outcome.ANDRAT and not text:
                raise RecordingError(_("Skriv beslutet så som nämnden fattade det."))
            arende.decision_text = text
        arende._history_user = by
        arende._change_reason = reason
        arende.save()
        if statements is not None:
            _replace_statements(arende, statements)
    return arende


def arende_history(arende: Arende) -> list:
    """The recorded versions of the paragraph, newest first, for the correction log."""
    return list(arende.history.select_related("history_user").order_by("-history_date"))

