"""The demo sammanträdesplan: monthly, never in July, idempotent."""

import datetime

import pytest

from meetings.demo import seed_meetings
from meetings.models import Sammantrade

pytestmark = pytest.mark.django_db


def test_seed_meetings_monthly_without_july(orgs):
    today = datetime.date(2026, 11, 23)
    created = seed_meetings(today=today)
    assert created == Sammantrade.objects.count() > 0
    kultur = list(Sammantrade.objects.filter(organisation=orgs["kun"])
                  .values_list("date", flat=True))
    assert not [d for d in kultur if d.month == 7]
    months = {(d.year, d.month) for d in kultur}
    assert len(months) == len(kultur)              # once a month
    assert any(d > today + datetime.timedelta(days=300) for d in kultur)
    assert all(d.weekday() in (1, 3) for d in kultur)
    assert seed_meetings(today=today) == 0


def test_seed_gives_decided_demo_answers_their_meeting_and_paragraph(orgs, users):
    from meetings.models import Arende
    from responses.models import State, Utlatande

    answer = Utlatande.objects.create(
        organisation=orgs["kun"], title="Svar", state=State.JUSTERAD,
        meeting_date=datetime.date(2026, 10, 15), paragraph="12", decision_text="Bifall.",
        justerad_date=datetime.date(2026, 10, 15), justerare="Ulla")
    seed_meetings(today=datetime.date(2026, 11, 23))
    arende = Arende.objects.get(utlatande=answer)
    assert (arende.meeting.date, arende.paragraph, arende.omedelbar_justering) == (
        datetime.date(2026, 10, 15), "12", True)
    assert arende.recorded_by == users["sekreterare"]
