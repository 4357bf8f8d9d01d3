"""Milestone reminders go through the reminders ledger: once per milestone and date."""

import datetime

import pytest
from django.core import mail

from meetings.milestone_reminders import send_milestone_reminders
from reminders import ledger
from reminders.models import SentReminder
from responses.models import State

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(frozen, users, kultur_meetings, make_remiss):
    recipient = make_remiss(D(2026, 10, 30)).recipients.get()   # meeting 10-20
    recipient.handlaggare = users["handlaggare_a"]
    recipient.save()
    return recipient


def test_utkast_klart_reminds_the_handlaggare_once(assigned, users):
    assert send_milestone_reminders(today=D(2026, 9, 20)) == 0     # 5 days ahead: too early
    assert send_milestone_reminders(today=D(2026, 9, 23)) == 1
    assert send_milestone_reminders(today=D(2026, 9, 24)) == 0     # same milestone, same date
    row = SentReminder.objects.get()
    assert (row.kind, row.occasion, row.addressee) == (
        "milestone.utkast_klart", D(2026, 9, 25), users["handlaggare_a"].email)
    assert ledger.deliver(row.pk) == SentReminder.Status.SENT
    message = mail.outbox[0]
    assert message.subject.startswith("Milstolpe 2026-09-25: Utkast klart")
    assert "sammanträde 2026-10-20" in message.body


def test_kallelse_reminds_the_namndsekreterare(assigned, users, make_answer, time_machine):
    make_answer(assigned, state=State.KLAR_FOR_NAMND)
    assert send_milestone_reminders(today=D(2026, 10, 6)) == 1     # kallelse 2026-10-09
    row = SentReminder.objects.get()
    assert (row.kind, row.addressee) == ("milestone.kallelse", users["sekreterare"].email)


def test_hinner_inte_warns_handlaggare_and_sekreterare(frozen, users, kultur_meetings,
                                                       make_remiss):
    recipient = make_remiss(D(2026, 9, 20)).recipients.get()
    recipient.handlaggare = users["handlaggare_a"]
    recipient.save()
    assert send_milestone_reminders(today=D(2026, 8, 20)) == 2
    assert set(SentReminder.objects.values_list("kind", flat=True)) == {
        "milestone.hinner_inte"}


def test_a_reminder_whose_plan_moved_is_skipped_at_send_time(assigned):
    send_milestone_reminders(today=D(2026, 9, 23))
    assigned.anstand_deadline = D(2026, 11, 30)
    assigned.save()
    # The plan now aims at 2026-11-17: utkast klart moved, so the claimed reminder is void.
    assert ledger.deliver(SentReminder.objects.get().pk) == SentReminder.Status.SKIPPED
    assert mail.outbox == []


def test_organisation_address_when_nobody_is_assigned(frozen, orgs, kultur_meetings,
                                                      make_remiss):
    make_remiss(D(2026, 10, 30))
    assert send_milestone_reminders(today=D(2026, 9, 23)) == 1
    assert SentReminder.objects.get().addressee == orgs["kun"].email
