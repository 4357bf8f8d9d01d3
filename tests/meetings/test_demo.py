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
