"""Demo sammanträdesplaner: each nämnd meets once a month, never in July (Stockholm style).

Idempotent: meetings are looked up by (organisation, date); a second run writes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from organisations.models import Organisation, OrganisationKind, User
from responses.models import State, Utlatande

from .models import LeadTimes, MeetingState, Outcome, Sammantrade, StatementKind
from .services import ItemDecision, Statement, sammantrade_justera, sammantrade_record

MONTHS_BACK = 3
MONTHS_AHEAD = 12
NO_MEETING_MONTHS = {7}
# Nämnder meet on a Tuesday or Thursday; stadsdelsnämnder in the evening.
WEEKDAYS = (1, 3)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def _months(start: datetime.date, count: int):
    year, month = start.year, start.month
    for _ in range(count):
        yield year, month
        month += 1
        if month > 12:
            year, month = year + 1, 1


def meeting_dates(index: int, today: datetime.date) -> list[datetime.date]:
    """The plan of the index-th organisation: a fixed weekday and week of the month."""
    weekday = WEEKDAYS[index % 2]
    week = 2 + index % 3
    start = (today.replace(day=1) - datetime.timedelta(days=31 * MONTHS_BACK)).replace(day=1)
    dates = []
    for year, month in _months(start, MONTHS_BACK + MONTHS_AHEAD + 1):
        if month in NO_MEETING_MONTHS:
            continue
        # December meets early, before the holidays; August late, after them.
        n = 2 if month == 12 else 4 if month == 8 else week
        dates.append(_nth_weekday(year, month, weekday, n))
    return dates


def seed_meetings(today: datetime.date | None = None) -> int:
    """Create the demo meetings (and Kulturnämnden's lead times); returns how many were new."""
    today = today or timezone.localdate()
    created = 0
    with transaction.atomic():
        organisations = Organisation.objects.exclude(kind=OrganisationKind.RAD).order_by("pk")
        for index, organisation in enumerate(organisations):
            evening = organisation.kind == OrganisationKind.STADSDELSNAMND
            time = datetime.time(18, 0) if evening else datetime.time(16, 0)
            place = "Stadshuset" if organisation.kind == OrganisationKind.KOMMUNSTYRELSE \
                else f"{organisation.forvaltning}, sammanträdesrummet"
            for day in meeting_dates(index, today):
                _, new = Sammantrade.objects.get_or_create(
                    organisation=organisation, date=day,
                    defaults={"time": time, "place": place})
                created += new
        kultur = Organisation.objects.filter(short="kun").first()
        if kultur is not None:
            LeadTimes.objects.get_or_create(organisation=kultur, defaults={
                "kallelse_days": 10, "signering_days": 3, "granskning_days": 10,
                "justering_days": 7})
    seed_justerad_meeting(today)
    return created


JUSTERING_AFTER_DAYS = 7
# The demo remisser (responses.demo.OPEN_REMISSER) whose Kultur answers the nämnd decides.
MILJO_DNR, DIGITAL_DNR = "KS 2026/1204", "KS 2026/987"
ANDRAT_TEXT = ("1. Nämnden godkänner förvaltningens tjänsteutlåtande med det tillägget att "
               "stadens digitala tjänster ska vara tillgängliga för alla, även för den som "
               "inte använder digitala kanaler.\n"
               "2. Nämnden överlämnar tjänsteutlåtandet till kommunstyrelsen som svar på "
               "remissen.")
DEMO_RESERVATION = Statement(kind=StatementKind.RESERVATION, member="Erik Ek (M)",
                             text="Till förmån för förvaltningens förslag.")


def seed_justerad_meeting(today: datetime.date) -> Sammantrade | None:
    """Kulturnämnden's last sammanträde, held and justerad, with two §§ recorded through the
    meeting's own services: the miljöprogram answer (enligt förslag) and the digital
    strategy (ändrat, with a reservation). Each § has its protokollsutdrag."""
    kultur = Organisation.objects.filter(short="kun").first()
    secretary = User.objects.filter(username="sekreterare.kultur").first()
    if kultur is None or secretary is None:
        return None
    done = Sammantrade.objects.filter(organisation=kultur, justerad_date__isnull=False,
                                      arenden__isnull=False).first()
    if done is not None:
        return done
    ready = Utlatande.objects.filter(organisation=kultur, state=State.KLAR_FOR_NAMND,
                                     imported=False)
    miljo = ready.filter(links__recipient__remiss__ks_dnr=MILJO_DNR).first()
    digital = ready.filter(links__recipient__remiss__ks_dnr=DIGITAL_DNR).first()
    # Held, and at least a day ago so that the justering is not in the future either.
    meeting = (Sammantrade.objects.filter(organisation=kultur, date__lt=today,
                                          state__in=(MeetingState.PLANERAT,
                                                     MeetingState.GENOMFORT))
               .order_by("-date").first())
    if meeting is None or miljo is None or digital is None:
        return None
    items = [ItemDecision(utlatande=miljo, paragraph="112", outcome=Outcome.ENLIGT_FORSLAG),
             ItemDecision(utlatande=digital, paragraph="113", outcome=Outcome.ANDRAT,
                          decision_text=ANDRAT_TEXT, statements=[DEMO_RESERVATION])]
    sammantrade_record(meeting=meeting, by=secretary, items=items)
    justerad = min(meeting.date + datetime.timedelta(days=JUSTERING_AFTER_DAYS), today)
    sammantrade_justera(meeting=meeting, by=secretary,
                        justerare="Anna Ordförande och Bo Ledamot", justerad_date=justerad)
    return meeting
