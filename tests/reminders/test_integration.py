"""The SLK services send the signals; the reminders follow them (no wiring by hand)."""

import datetime

import pytest
from django.core import mail

from programs.anstand import anstand_grant, anstand_request
from programs.sending import remiss_send
from programs.services import recipient_decline, remiss_close
from reminders.models import SentReminder

from .conftest import STHLM

pytestmark = pytest.mark.django_db


def cursor(recipient):
    recipient.refresh_from_db()
    value = recipient.next_reminder_at
    return value.astimezone(STHLM).date() if value else None


@pytest.fixture
def sent(make_remiss, users, clock, django_capture_on_commit_callbacks):
    clock("2026-11-20", "12:00")
    remiss = make_remiss(status="utkast", orgs_short=("kun", "rik"))
    with django_capture_on_commit_callbacks(execute=True):
        remiss_send(remiss=remiss, by=users["slk"])
    mail.outbox.clear()  # the sending notification is not ours
    return remiss


def test_sending_a_remiss_schedules_its_rows(sent):
    assert {cursor(r) for r in sent.recipients.all()} == {datetime.date(2026, 12, 2)}


def test_closing_stops_and_declining_stops(sent, users, django_capture_on_commit_callbacks,
                                           clock, run_sweep):
    kun, rik = sent.recipients.order_by("organisation__short")
    with django_capture_on_commit_callbacks(execute=True):
        recipient_decline(recipient=rik, reason="Berör inte nämnden", by=users["handlaggare_b"])
    assert cursor(rik) is None and cursor(kun) is not None
    with django_capture_on_commit_callbacks(execute=True):
        remiss_close(remiss=sent, by=users["slk"])
    assert cursor(kun) is None
    clock("2026-12-02")
    run_sweep()
    assert mail.outbox == [] and not SentReminder.objects.exists()


def test_granted_anstand_moves_the_next_reminder(sent, users, clock,
                                                 django_capture_on_commit_callbacks):
    kun = sent.recipients.get(organisation__short="kun")
    clock("2026-11-25", "12:00")
    with django_capture_on_commit_callbacks(execute=True):
        request = anstand_request(recipient=kun, deadline=datetime.date(2027, 2, 10),
                                  reason="Nämnden sammanträder i februari",
                                  by=users["handlaggare_a"])
    with django_capture_on_commit_callbacks(execute=True):
        anstand_grant(request=request, by=users["slk"])
    assert cursor(kun) == datetime.date(2027, 1, 27)
