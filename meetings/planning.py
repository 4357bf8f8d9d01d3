"""Backward planning of a remissvar from the remisstid: pure functions, no database.

An answer counts only when the nämnd has decided it at a sammanträde and that paragraph of
the minutes is justerad. So we look for the last meeting whose justering still falls on or
before the effective remisstid, and count the steps backwards from it:

    utkast klart → (granskning) → granskning klar → (signering) → signerat
    → kallelse (N days before) → sammanträde → justering (K days after)

Dates that fall on a day off (remiss.workdays) move to the working day before (steps
before the meeting) or after (justering).
"""

import datetime
import enum
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remiss.workdays import ONE_DAY, working_day_on_or_after, working_day_on_or_before


@dataclass(frozen=True)
class LeadTimeValues:
    """An organisation's lead times in calendar days."""

    kallelse_days: int = 10     # the kallelse goes out this long before the meeting
    signering_days: int = 3     # the förvaltningschef needs this long to sign
    granskning_days: int = 10   # the avdelningschef's review takes this long
    justering_days: int = 7     # the minutes are justerade this long after the meeting

    @property
    def total_days(self) -> int:
        return (self.kallelse_days + self.signering_days + self.granskning_days
                + self.justering_days)


DEFAULT_LEAD_TIMES = LeadTimeValues()


class Progress(enum.IntEnum):
    """How far the answer has come, in the order of the milestones."""

    UTKAST = 0
    GRANSKNING = 1
    SIGNERAT = 2      # klar för nämnd: reviewed and signed by the förvaltningschef
    BESLUTAD = 3
    JUSTERAD = 4


# --- milestones -------------------------------------------------------------------------

MILESTONE_LABELS = {
    "utkast_klart": gettext_lazy("Utkast klart"),
    "granskning_klar": gettext_lazy("Granskning klar"),
    "signerat": gettext_lazy("Signerat av förvaltningschef"),
    "kallelse": gettext_lazy("Kallelse"),
    "sammantrade": gettext_lazy("Sammanträde"),
    "justering": gettext_lazy("Justering"),
}

# The milestone that the answer reaches next, by how far it has come.
_NEXT_BY_PROGRESS = {
    Progress.UTKAST: "utkast_klart",
    Progress.GRANSKNING: "granskning_klar",
    Progress.SIGNERAT: "kallelse",
    Progress.BESLUTAD: "justering",
}


@dataclass(frozen=True)
class Milestones:
    utkast_klart: datetime.date
    granskning_klar: datetime.date
    signerat: datetime.date
    kallelse: datetime.date
    sammantrade: datetime.date
    justering: datetime.date

    def as_list(self) -> list[tuple[str, str, datetime.date]]:
        """(key, Swedish label, date) in chronological order."""
        return [(key, str(label), getattr(self, key)) for key, label in MILESTONE_LABELS.items()]


def milestones_for(meeting: datetime.date, lead: LeadTimeValues, *,
                   immediate: bool = False) -> Milestones:
    """The milestone dates for deciding at `meeting` (omedelbar justering: same day)."""
    kallelse = working_day_on_or_before(meeting - datetime.timedelta(days=lead.kallelse_days))
    # The nämndsekreterare needs the signed document the working day before the kallelse.
    signerat = working_day_on_or_before(kallelse - ONE_DAY)
    granskning_klar = working_day_on_or_before(
        signerat - datetime.timedelta(days=lead.signering_days))
    utkast_klart = working_day_on_or_before(
        granskning_klar - datetime.timedelta(days=lead.granskning_days))
    if immediate:
        justering = meeting
    else:
        justering = working_day_on_or_after(
            meeting + datetime.timedelta(days=lead.justering_days))
    return Milestones(utkast_klart=utkast_klart, granskning_klar=granskning_klar,
                      signerat=signerat, kallelse=kallelse, sammantrade=meeting,
                      justering=justering)


# --- flags ------------------------------------------------------------------------------

class FlagCode(enum.StrEnum):
    HINNER_INTE = "hinner_inte"
    OMEDELBAR_JUSTERING = "omedelbar_justering"
    DELEGATION = "delegation"
    INGEN_PLAN = "ingen_plan"


@dataclass(frozen=True)
class Flag:
    code: FlagCode
    label: str
    explanation: str

    @property
    def is_warning(self) -> bool:
        return self.code != FlagCode.DELEGATION


def _flag_hinner_inte(deadline):
    return Flag(FlagCode.HINNER_INTE, _("Hinner inte – begär anstånd"),
                _("Inget sammanträde hinner besluta och justera svaret senast %(date)s.")
                % {"date": f"{deadline:%Y-%m-%d}"})


def _flag_ingen_plan():
    return Flag(FlagCode.INGEN_PLAN, _("Sammanträdesplan saknas"),
                _("Nämnden har inga kommande sammanträden inlagda; lägg in sammanträdesplanen."))


def _flag_omedelbar(meeting):
    return Flag(FlagCode.OMEDELBAR_JUSTERING, _("Kräver omedelbar justering"),
                _("Sammanträdet %(date)s hinner bara om paragrafen justeras omedelbart.")
                % {"date": f"{meeting:%Y-%m-%d}"})


def _flag_delegation():
    return Flag(FlagCode.DELEGATION, _("Delegationsbeslut möjligt"),
                _("Nämnden har delegerat remissvar till förvaltningschefen; "
                  "svaret kan beslutas utan sammanträde."))


# --- the plan ---------------------------------------------------------------------------

@dataclass(frozen=True)
class NextMilestone:
    key: str
    label: str
    date: datetime.date
    overdue: bool


@dataclass(frozen=True)
class Plan:
    deadline: datetime.date
    progress: Progress
    meeting: datetime.date | None = None
    milestones: Milestones | None = None
    immediate_justering: bool = False
    flags: tuple[Flag, ...] = field(default=())

    @property
    def fits(self) -> bool:
        return self.meeting is not None

    def has_flag(self, code: FlagCode) -> bool:
        return any(f.code == code for f in self.flags)

    @property
    def warnings(self) -> tuple[Flag, ...]:
        return tuple(f for f in self.flags if f.is_warning)

    def next_milestone(self, today: datetime.date) -> NextMilestone | None:
        """The next milestone the answer has to reach; None when done or unplannable."""
        if self.milestones is None or self.progress >= Progress.JUSTERAD:
            return None
        key = _NEXT_BY_PROGRESS[self.progress]
        if key == "kallelse" and self.milestones.kallelse < today:
            key = "sammantrade"
        day = getattr(self.milestones, key)
        return NextMilestone(key=key, label=str(MILESTONE_LABELS[key]), date=day,
                             overdue=day < today)


def _is_reachable(meeting: datetime.date, milestones: Milestones, progress: Progress,
                  today: datetime.date) -> bool:
    """Can the answer, as far as it has come, still reach this meeting?

    The kallelse is the hard limit for an unsigned answer (earlier steps may be caught up);
    a signed one only needs the meeting itself to be ahead.
    """
    if progress >= Progress.SIGNERAT:
        return meeting >= today
    return milestones.kallelse >= today


def plan_answer(*, deadline: datetime.date, meetings, lead: LeadTimeValues,
                today: datetime.date, progress: Progress = Progress.UTKAST,
                delegated: bool = False, not_after_meeting: datetime.date | None = None,
                earliest: bool = False) -> Plan:
    """Choose the meeting for an answer not yet decided and count its milestones backwards.

    meetings: dates of the organisation's (not cancelled) sammanträden, any order.
    not_after_meeting: the answer was bordlagt or återremitterat at that meeting, so only
    later meetings count.
    earliest: take the first meeting that fits rather than the last (a bordlagt answer goes
    to the next sammanträde).
    """
    normal = immediate = None
    for meeting in sorted(set(meetings)):
        if not_after_meeting is not None and meeting <= not_after_meeting:
            continue
        if meeting > deadline:
            break
        milestones = milestones_for(meeting, lead)
        if not _is_reachable(meeting, milestones, progress, today):
            continue
        immediate = meeting
        if milestones.justering <= deadline:
            normal = meeting
        if earliest:
            # Justering only gets later with later meetings: the first reachable one is it.
            break
    flags = [_flag_delegation()] if delegated else []
    if normal is not None:
        return Plan(deadline=deadline, progress=progress, meeting=normal,
                    milestones=milestones_for(normal, lead), flags=tuple(flags))
    if immediate is not None:
        return Plan(deadline=deadline, progress=progress, meeting=immediate,
                    milestones=milestones_for(immediate, lead, immediate=True),
                    immediate_justering=True,
                    flags=(_flag_omedelbar(immediate), *flags))
    has_future = any(m >= today for m in meetings)
    flag = _flag_hinner_inte(deadline) if has_future or deadline < today else _flag_ingen_plan()
    return Plan(deadline=deadline, progress=progress, flags=(flag, *flags))


def plan_decided(*, deadline: datetime.date, meeting: datetime.date, lead: LeadTimeValues,
                 progress: Progress, immediate: bool = False,
                 justering: datetime.date | None = None) -> Plan:
    """The plan of an answer already decided (or justerad) at `meeting`: no choice left."""
    milestones = milestones_for(meeting, lead, immediate=immediate)
    if justering is not None:
        milestones = Milestones(**{**milestones.__dict__, "justering": justering})
    flags = ()
    if progress < Progress.JUSTERAD and milestones.justering > deadline:
        flags = (Flag(FlagCode.HINNER_INTE, _("Hinner inte – begär anstånd"),
                      _("Justeringen %(j)s ligger efter remisstiden %(d)s.")
                      % {"j": f"{milestones.justering:%Y-%m-%d}", "d": f"{deadline:%Y-%m-%d}"}),)
    return Plan(deadline=deadline, progress=progress, meeting=meeting, milestones=milestones,
                immediate_justering=immediate, flags=flags)
