"""Demo sammanträdesplaner: each nämnd meets once a month, never in July (Stockholm style).

Idempotent: meetings are looked up by (organisation, date); a second run writes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from organisations.models import Organisation, OrganisationKind, Role, User
from responses.models import PUBLIC_STATES, Utlatande

from .models import Arende, LeadTimes, MeetingState, Outcome, Sammantrade

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
        created += _meetings_of_decided_answers()
        kultur = Organisation.objects.filter(short="kun").first()
        if kultur is not None:
            LeadTimes.objects.get_or_create(organisation=kultur, defaults={
                "kallelse_days": 10, "signering_days": 3, "granskning_days": 10,
                "justering_days": 7})
    return created


def _meetings_of_decided_answers() -> int:
    """The demo's decided answers were decided somewhere: give each its sammanträde and §."""
    created = 0
    decided = (Utlatande.objects.filter(state__in=PUBLIC_STATES, meeting_date__isnull=False,
                                        imported=False)
               .exclude(paragraph="").select_related("organisation"))
    for utlatande in decided:
        organisation = utlatande.organisation
        meeting, new = Sammantrade.objects.get_or_create(
            organisation=organisation, date=utlatande.meeting_date,
            defaults={"time": datetime.time(16, 0), "state": MeetingState.GENOMFORT,
                      "place": f"{organisation.forvaltning}, sammanträdesrummet"})
        created += new
        if meeting.arenden.filter(utlatande=utlatande).exists() or meeting.arenden.filter(
                paragraph=utlatande.paragraph).exists():
            continue
        secretary = (User.objects.filter(organisation=organisation,
                                         role=Role.NAMNDSEKRETERARE).first()
                     or User.objects.filter(is_superuser=True).first())
        if secretary is None:
            continue
        Arende.objects.create(
            meeting=meeting, utlatande=utlatande, paragraph=utlatande.paragraph,
            outcome=Outcome.ANDRAT if utlatande.decision_changed else Outcome.ENLIGT_FORSLAG,
            decision_text=utlatande.decision_text,
            omedelbar_justering=utlatande.justerad_date == utlatande.meeting_date,
            recorded_by=secretary)
    return created
