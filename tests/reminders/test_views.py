"""Settings page, mute/unmute, the calendar feed, the per-row page, the command."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from icalendar import Calendar

from programs.models import Recipient
from reminders.models import CalendarFeedToken, ReminderMute, SentReminder

pytestmark = pytest.mark.django_db


def test_settings_page_lists_mutes_and_unmute_works(row, client, users):
    ReminderMute.objects.create(user=users["handlaggare_a"], remiss=row.remiss)
    client.force_login(users["handlaggare_a"])
    page = client.get("/paminnelser/").content.decode()
    assert "KS 2026/100" in page and "Slå på påminnelser" in page
    response = client.post(f"/paminnelser/remiss/{row.remiss_id}/aktivera/", follow=True)
    assert "Påminnelserna är påslagna igen." in response.content.decode()
    assert not ReminderMute.objects.exists()


def test_settings_page_requires_login(client):
    assert client.get("/paminnelser/").status_code == 302


def test_unmute_is_post_only(row, client, users):
    client.force_login(users["handlaggare_a"])
    assert client.get(f"/paminnelser/remiss/{row.remiss_id}/aktivera/").status_code == 405


def test_cannot_mute_an_invisible_remiss(make_remiss, client, users):
    draft = make_remiss(status="utkast")
    client.force_login(users["handlaggare_a"])
    assert client.post(f"/paminnelser/remiss/{draft.pk}/tysta/").status_code == 404
    assert not ReminderMute.objects.exists()


def test_feed_lists_my_deadlines_at_a_secret_url(row, make_remiss, client, users):
    other = make_remiss(deadline=datetime.date(2027, 1, 20), orgs_short=("rik",))
    client.force_login(users["handlaggare_a"])
    client.post("/paminnelser/kalender/ny-lank/")
    token = CalendarFeedToken.objects.get(user=users["handlaggare_a"]).token
    assert token in client.get("/paminnelser/").content.decode()
    client.logout()
    response = client.get(f"/paminnelser/kalender/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [datetime.date(2026, 12, 16)]
    assert other.ks_dnr not in response.content.decode()


def test_granskare_feed_has_the_whole_organisation_and_slk_all_it_sent(row, make_remiss,
                                                                      client, users):
    make_remiss(deadline=datetime.date(2027, 1, 20), orgs_short=("kun", "rik"))
    from reminders.feeds import feed_recipients

    assert feed_recipients(users["granskare"]).count() == 2
    assert feed_recipients(users["slk"]).count() == 3
    assert feed_recipients(users["handlaggare_b"]).count() == 0


def test_rotating_the_feed_revokes_the_old_url(row, client, users):
    client.force_login(users["handlaggare_a"])
    client.post("/paminnelser/kalender/ny-lank/")
    old = CalendarFeedToken.objects.get().token
    client.post("/paminnelser/kalender/ny-lank/")
    new = CalendarFeedToken.objects.get().token
    assert old != new
    assert client.get(f"/paminnelser/kalender/{old}.ics").status_code == 404
    assert client.get(f"/paminnelser/kalender/{new}.ics").status_code == 200


def test_feed_of_a_deactivated_user_is_gone(row, client, users):
    token = CalendarFeedToken.objects.create(user=users["handlaggare_a"]).token
    users["handlaggare_a"].is_active = False
    users["handlaggare_a"].save()
    assert client.get(f"/paminnelser/kalender/{token}.ics").status_code == 404


def test_recipient_page_shows_sent_and_scheduled(row, clock, run_sweep, client, users):
    clock("2026-12-02")
    run_sweep()
    client.force_login(users["granskare"])
    page = client.get(f"/paminnelser/remissinstans/{row.pk}/").content.decode()
    assert "handlaggare.kultur@stockholm.se" in page and "Skickad" in page
    assert "2026-12-02, 14 dagar före remisstiden" in page
    assert "2026-12-11" in page and "3 dagar före remisstiden" in page
    client.force_login(users["handlaggare_b"])
    assert client.get(f"/paminnelser/remissinstans/{row.pk}/").status_code == 403


def test_send_reminders_dry_run_prints_and_sends_nothing(row, clock):
    clock("2026-12-02")
    out = StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert "deadline.before14\tKS 2026/100\tKulturnämnden" in out.getvalue()
    assert "handlaggare.kultur@stockholm.se" in out.getvalue()
    assert "1 påminnelser skulle skickas" in out.getvalue()
    assert SentReminder.objects.count() == 0


def test_send_reminders_sends(row, clock, django_capture_on_commit_callbacks):
    from django.core import mail

    clock("2026-12-02")
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert "1 påminnelser köade" in out.getvalue()
    assert len(mail.outbox) == 1


def test_send_reminders_rejects_a_bad_time():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--now", "igår")


def test_recipient_without_org_email_or_handlaggare(row, orgs):
    Recipient.objects.filter(pk=row.pk).update(handlaggare=None)
    orgs["kun"].email = ""
    orgs["kun"].save()
    from reminders.deadlines import addressees

    row.refresh_from_db()
    assert addressees(row, overdue=False) == [("", None)]


def test_reminder_summary_tag_for_recipient_tables(row, clock, run_sweep):
    from django.template import Context, Template

    clock("2026-12-02")
    run_sweep()
    row.refresh_from_db()
    html = Template("{% load reminder_tags %}{% reminder_summary r %}").render(
        Context({"r": row}))
    assert "Nästa påminnelse 2026-12-11" in html and "1 skickad" in html
    assert f"/paminnelser/remissinstans/{row.pk}/" in html


def test_settings_page_lists_my_remisser_with_a_mute_button(row, client, users):
    client.force_login(users["handlaggare_a"])
    page = client.get("/paminnelser/").content.decode()
    assert "Stäng av påminnelser för KS 2026/100" in page
    client.post(f"/paminnelser/remiss/{row.remiss_id}/tysta/")
    page = client.get("/paminnelser/").content.decode()
    assert "Stäng av påminnelser för KS 2026/100" not in page
    assert "Slå på påminnelser för KS 2026/100" in page


def test_demo_hook_schedules_open_rows(row, clock):
    from programs.models import Recipient
    from reminders.demo import seed_reminders

    Recipient.objects.update(next_reminder_at=None)
    clock("2026-11-20", "12:00")
    assert seed_reminders() == 1
    assert seed_reminders() == 1
    row.refresh_from_db()
    assert row.next_reminder_at is not None
