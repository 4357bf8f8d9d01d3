"""SLK's daily digest of overdue rows: one per SLK user and sender, working days only."""

import datetime

import pytest
from django.core import mail

from organisations.models import Role
from programs.models import Recipient
from reminders.models import ReminderMute, SentReminder
from reminders.sweep import send_digests

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(make_remiss, users):
    late = make_remiss(deadline=datetime.date(2026, 12, 1), orgs_short=("kun", "rik"))
    make_remiss(deadline=datetime.date(2026, 12, 20))  # not late yet
    return late


def digest(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return send_digests(**kwargs)


def test_one_digest_per_slk_user_lists_every_overdue_row(overdue, clock, make_user,
                                                         django_capture_on_commit_callbacks):
    make_user("slk2", "ks", Role.STADSLEDNINGSKONTORET)
    clock("2026-12-03", "07:30")
    digest(django_capture_on_commit_callbacks)
    digest(django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["slk2@stockholm.se", "slk@stockholm.se"]
    message = mail.outbox[0]
    assert message.subject == "Försenade remissvar 2026-12-03: 2 remissinstanser"
    assert "Kulturnämnden" in message.body and "Rinkeby-Kista stadsdelsnämnd" in message.body
    assert "2 dagar försenad" in message.body
    assert f"/remisser/{overdue.pk}/bevakning/" in message.body
    assert "text/html" == message.alternatives[0][1]


def test_the_next_working_day_brings_a_new_digest(overdue, clock,
                                                  django_capture_on_commit_callbacks):
    clock("2026-12-03", "07:30")
    digest(django_capture_on_commit_callbacks)
    clock("2026-12-04", "07:30")
    digest(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_no_digest_before_the_hour_or_on_weekends(overdue, clock,
                                                  django_capture_on_commit_callbacks):
    clock("2026-12-03", "06:59")
    digest(django_capture_on_commit_callbacks)
    clock("2026-12-05", "10:00")  # Saturday
    digest(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_no_digest_when_nothing_is_late(overdue, clock, django_capture_on_commit_callbacks):
    Recipient.objects.filter(remiss=overdue).update(declined=True)
    clock("2026-12-03", "07:30")
    digest(django_capture_on_commit_callbacks)
    assert mail.outbox == [] and SentReminder.objects.count() == 0


def test_muting_does_not_stop_the_digest(overdue, clock, users,
                                         django_capture_on_commit_callbacks):
    ReminderMute.objects.create(user=users["slk"], remiss=overdue)
    clock("2026-12-03", "07:30")
    digest(django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["slk@stockholm.se"]]


def test_digest_is_not_one_mail_per_row(overdue, make_remiss, clock,
                                        django_capture_on_commit_callbacks):
    for _ in range(3):
        make_remiss(deadline=datetime.date(2026, 11, 25), orgs_short=("kun", "rik"))
    clock("2026-12-03", "07:30")
    digest(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert "8 remissinstanser" in mail.outbox[0].subject
