"""The sammanträdesplan pages: who may change what, bad input, the ICS feed."""

import datetime

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import LeadTimes, MeetingState, Sammantrade
from organisations.models import Role

from ..conftest import PASSWORD

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def sekreterare_client(client, users):
    client.login(username=users["sekreterare"].username, password=PASSWORD)
    return client


def test_plan_page_shows_meetings_and_planned_answers(frozen, sekreterare_client,
                                                      kultur_meetings, make_remiss):
    make_remiss(D(2026, 10, 30), title="Program för idrott")
    make_remiss(D(2026, 9, 20), title="Program för bibliotek")
    html = sekreterare_client.get(reverse("meetings:plan", args=["kun"])).content.decode()
    assert "2026-10-20" in html and "2026-09-25" in html      # meeting and utkast klart
    assert "Hinner inte – begär anstånd" in html
    assert "Lägg till sammanträde" in html


def test_handlaggare_sees_the_plan_but_cannot_add_meetings(frozen, client, users,
                                                           kultur_meetings):
    client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    html = client.get(reverse("meetings:plan", args=["kun"])).content.decode()
    assert "Lägg till sammanträde" not in html
    response = client.post(reverse("meetings:meeting_create", args=["kun"]),
                           {"date": "2026-12-01"})
    assert response.status_code == 403


def test_sekreterare_of_another_organisation_is_refused(frozen, client, make_user, orgs):
    other = make_user("sekr.rinkeby", "rik", Role.NAMNDSEKRETERARE)
    client.login(username=other.username, password=PASSWORD)
    response = client.post(reverse("meetings:meeting_create", args=["kun"]),
                           {"date": "2026-12-01"})
    assert response.status_code == 403
    assert not Sammantrade.objects.exists()


def test_add_meeting(frozen, sekreterare_client):
    response = sekreterare_client.post(reverse("meetings:meeting_create", args=["kun"]),
                                       {"date": "2026-12-01", "time": "16:00",
                                        "place": "Stadshuset"}, follow=True)
    assert "Sammanträdet 2026-12-01 är tillagt." in response.content.decode()
    assert Sammantrade.objects.get().time == datetime.time(16)


def test_past_date_and_same_day_are_refused(frozen, sekreterare_client, kultur_meetings):
    url = reverse("meetings:meeting_create", args=["kun"])
    response = sekreterare_client.post(url, {"date": "2026-08-01"})
    assert response.status_code == 400
    assert "har redan passerat" in response.content.decode()
    response = sekreterare_client.post(url, {"date": "2026-09-22"})
    assert response.status_code == 400
    assert "Det finns redan ett sammanträde den dagen." in response.content.decode()
    assert Sammantrade.objects.count() == len(kultur_meetings)


def test_lead_times_edit_and_impossible_values(frozen, sekreterare_client, orgs):
    url = reverse("meetings:lead_times", args=["kun"])
    bad = sekreterare_client.post(url, {"kallelse_days": 40, "signering_days": 20,
                                        "granskning_days": 30, "justering_days": 10})
    assert bad.status_code == 400
    assert "hinner inget svar till något sammanträde" in bad.content.decode()
    assert not LeadTimes.objects.exists()
    ok = sekreterare_client.post(url, {"kallelse_days": 14, "signering_days": 2,
                                       "granskning_days": 7, "justering_days": 5,
                                       "remissvar_delegated": "on"})
    assert ok.status_code == 302
    assert LeadTimes.objects.get(organisation=orgs["kun"]).kallelse_days == 14
    orgs["kun"].refresh_from_db()
    assert orgs["kun"].remissvar_delegated
    sekreterare_client.post(url, {"kallelse_days": 14, "signering_days": 2,
                                  "granskning_days": 7, "justering_days": 5})
    orgs["kun"].refresh_from_db()
    assert not orgs["kun"].remissvar_delegated


def test_import_view_refuses_garbage_and_saves_nothing(frozen, sekreterare_client):
    url = reverse("meetings:import", args=["kun"])
    bad = SimpleUploadedFile("plan.csv", b"2026-09-22;16:00\nmaybe;never\n")
    response = sekreterare_client.post(url, {"file": bad})
    assert response.status_code == 400
    assert "Rad 2" in response.content.decode()
    assert not Sammantrade.objects.exists()
    good = SimpleUploadedFile("plan.csv", b"2026-09-22;16:00\n2026-10-20;16:00\n2026-06-16\n")
    response = sekreterare_client.post(url, {"file": good}, follow=True)
    assert "2 nya och 0 uppdaterade" in response.content.decode()
    assert "1 datum som redan passerat" in response.content.decode()


def test_cancel_a_meeting(frozen, sekreterare_client, kultur_meetings):
    meeting = kultur_meetings[D(2026, 9, 22)]
    sekreterare_client.post(reverse("meetings:meeting_edit", args=[meeting.pk]),
                            {"cancel": "1"})
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.INSTALLT


def test_ics_feed_is_public_and_valid(frozen, client, kultur_meetings):
    response = client.get(reverse("meetings:feed", args=["kun"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    starts = sorted(e.get("DTSTART").dt for e in calendar.walk("VEVENT"))
    assert starts[0].date() == D(2026, 5, 19)           # 120 days back
    sept = [s for s in starts if s.date() == D(2026, 9, 22)][0]
    assert (sept.hour, str(sept.tzinfo)) == (16, "Europe/Stockholm")


def test_index_redirects_to_own_organisation(sekreterare_client):
    response = sekreterare_client.get(reverse("meetings:index"))
    assert response.url == reverse("meetings:plan", args=["kun"])


def test_remiss_plans_warns_slk_weeks_ahead(frozen, client, users, kultur_meetings,
                                            make_remiss):
    remiss = make_remiss(D(2026, 9, 20), shorts=("kun", "rik"))
    client.login(username=users["slk"].username, password=PASSWORD)
    html = client.get(reverse("meetings:remiss_plans", args=[remiss.pk])).content.decode()
    assert "1 hinner inte före remisstiden" in html
    assert "1 nämnd saknar sammanträdesplan" in html
    assert "Rinkeby-Kista stadsdelsnämnd" in html
