"""Signals from the remiss life cycle and the workflow move the sweep's cursor."""

import datetime

import pytest

from programs import signals as program_signals
from programs.models import Recipient
from responses import signals as response_signals
from responses.models import State, Utlatande, UtlatandeRecipient

from .conftest import STHLM

pytestmark = pytest.mark.django_db


def cursor(recipient):
    recipient.refresh_from_db()
    value = recipient.next_reminder_at
    return value.astimezone(STHLM).date() if value else None


def test_remiss_sent_schedules_every_row(make_remiss, clock):
    clock("2026-11-20", "12:00")
    remiss = make_remiss(orgs_short=("kun", "rik"))
    assert set(remiss.recipients.values_list("next_reminder_at", flat=True)) == {None}
    program_signals.remiss_sent.send(sender=None, remiss=remiss)
    assert {cursor(r) for r in remiss.recipients.all()} == {datetime.date(2026, 12, 2)}


def test_remiss_closed_stops_every_row(row, clock):
    row.remiss.status = "avslutad"
    row.remiss.save()
    program_signals.remiss_closed.send(sender=None, remiss=row.remiss)
    assert cursor(row) is None


def test_recipient_changed_follows_anstand(row, clock):
    clock("2026-12-05", "12:00")
    Recipient.objects.filter(pk=row.pk).update(anstand_deadline=datetime.date(2027, 2, 10))
    program_signals.recipient_changed.send(sender=None, recipient=row)
    assert cursor(row) == datetime.date(2027, 1, 27)


def test_recipient_changed_answered_stops(row, clock):
    Recipient.objects.filter(pk=row.pk).update(answered_at=datetime.datetime.now(datetime.UTC))
    program_signals.recipient_changed.send(sender=None, recipient=row)
    assert cursor(row) is None


def test_utlatande_besvarad_stops(row, clock, orgs, users):
    clock("2026-11-25", "12:00")
    utlatande = Utlatande.objects.create(organisation=orgs["kun"], title="Svar",
                                         state=State.JUSTERAD)
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=row)
    response_signals.utlatande_transitioned.send(
        sender=Utlatande, utlatande=utlatande, from_state=State.BESLUTAD,
        to_state=State.JUSTERAD, by=users["sekreterare"], record=None)
    assert cursor(row) == datetime.date(2026, 12, 2)  # not answered yet
    Utlatande.objects.filter(pk=utlatande.pk).update(state=State.BESVARAD)
    response_signals.utlatande_transitioned.send(
        sender=Utlatande, utlatande=utlatande, from_state=State.JUSTERAD,
        to_state=State.BESVARAD, by=users["sekreterare"], record=None)
    assert cursor(row) is None


def test_cursor_is_kept_out_of_history(row, clock):
    before = row.history.count()
    program_signals.recipient_changed.send(sender=None, recipient=row)
    assert row.history.count() == before
