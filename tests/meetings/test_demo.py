"""The demo sammanträdesplan: monthly, never in July, idempotent; and Kulturnämnden's
last sammanträde, held and justerad, with its protokollsutdrag."""

import datetime
import io
import zoneinfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from meetings.demo import seed_meetings
from meetings.models import Arende, MeetingState, Outcome, Sammantrade
from responses.models import State

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


SEED_DAY = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def seeded(db, settings, time_machine):
    """The demo city as it looks on 2026-12-02 (the demo's dates follow today)."""
    settings.DEBUG = True
    time_machine.move_to(SEED_DAY, tick=False)
    call_command("seed_demo")


def test_demo_has_a_held_and_justerad_kultur_meeting(seeded, client):
    meeting = Sammantrade.objects.get(organisation__short="kun", justerad_date__isnull=False)
    assert meeting.date < SEED_DAY.date()
    assert meeting.state == MeetingState.GENOMFORT
    assert meeting.justerad_date == min(meeting.date + datetime.timedelta(days=7),
                                        SEED_DAY.date())
    arenden = {a.outcome: a for a in meeting.arenden.all()}
    assert set(arenden) == {Outcome.ENLIGT_FORSLAG, Outcome.ANDRAT}
    proposed, changed = arenden[Outcome.ENLIGT_FORSLAG], arenden[Outcome.ANDRAT]
    assert "miljöprogram" in proposed.utlatande.title
    assert "tillgängliga för alla" in changed.decision_text
    assert [s.member for s in changed.reservationer] == ["Erik Ek (M)"]
    for arende in (proposed, changed):
        assert arende.justerad_date == meeting.justerad_date
        assert arende.utlatande.state == State.JUSTERAD
        assert arende.utlatande.decision == arende
    # The secretary finds the meeting from the start page and opens each protokollsutdrag.
    assert client.login(username="sekreterare.kultur", password="remiss-demo")
    start = client.get("/").content.decode()
    assert f'href="{reverse("meetings:index")}"' in start
    plan = client.get(reverse("meetings:index"), follow=True)
    assert plan.redirect_chain[-1][0] == reverse("meetings:plan", args=["kun"])
    assert meeting.get_absolute_url() in plan.content.decode()
    page = client.get(meeting.get_absolute_url()).content.decode()
    for arende in (proposed, changed):
        assert reverse("meetings:utdrag", args=[arende.pk]) in page
        pdf = client.get(reverse("meetings:utdrag_pdf", args=[arende.pk]))
        assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        assert f"§ {arende.paragraph}" in text


def test_seed_demo_twice_changes_no_meeting(seeded):
    before = (Sammantrade.objects.count(), Arende.objects.count())
    call_command("seed_demo")
    assert (Sammantrade.objects.count(), Arende.objects.count()) == before
