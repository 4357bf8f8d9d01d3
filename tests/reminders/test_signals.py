"""The services tell reminders once, after commit; the reminders move the sweep's cursor."""

import datetime

import pytest
from django.db import transaction

from programs import services
from programs.models import Recipient
from programs.sending import remiss_send
from responses import workflow
from responses.models import State, Utlatande, UtlatandeRecipient

from .conftest import STHLM

pytestmark = pytest.mark.django_db


def cursor(recipient):
    recipient.refresh_from_db()
    value = recipient.next_reminder_at
    return value.astimezone(STHLM).date() if value else None


def test_remiss_sent_schedules_every_row(make_remiss, clock, users,
                                         django_capture_on_commit_callbacks):
    clock("2026-11-20", "12:00")
    remiss = make_remiss(orgs_short=("kun", "rik"), status="utkast")
    assert set(remiss.recipients.values_list("next_reminder_at", flat=True)) == {None}
    with django_capture_on_commit_callbacks(execute=True):
        remiss_send(remiss=remiss, by=users["slk"])
    assert {cursor(r) for r in remiss.recipients.all()} == {datetime.date(2026, 12, 2)}


def test_remiss_closed_stops_every_row(row, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.remiss_close(remiss=row.remiss, by=users["slk"])
    assert cursor(row) is None


def test_nothing_is_sent_before_commit_and_nothing_after_a_rollback(row, users, heard_changes):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.recipient_mark_answered(recipient=row, by=users["slk"])
        assert heard_changes == []
        raise RuntimeError
    assert heard_changes == []
    row.refresh_from_db()
    assert row.answered_at is None


def test_many_changes_in_one_transaction_reschedule_each_row_once(
        make_remiss, users, heard_changes, django_capture_on_commit_callbacks):
    remiss = make_remiss(orgs_short=("kun", "rik"))
    kun, rik = remiss.recipients.order_by("organisation__short")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.recipient_mark_answered(recipient=kun, by=users["slk"])
        services.recipient_undo_answered(recipient=kun, by=users["slk"])
        services.recipient_decline(recipient=rik, reason="Berör inte nämnden", by=users["slk"])
        services.remiss_close(remiss=remiss, by=users["slk"])
    assert heard_changes == [sorted([kun.pk, rik.pk])]


def test_besvarad_marks_received_once_with_history_and_stops_reminders(
        row, clock, orgs, users, heard_changes, django_capture_on_commit_callbacks):
    clock("2026-11-25", "12:00")
    utlatande = Utlatande.objects.create(organisation=orgs["kun"], title="Svar",
                                         state=State.JUSTERAD)
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=row)
    assert cursor(row) == datetime.date(2026, 12, 2)  # justerad: decided, not yet received
    before = row.history.count()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(utlatande, "besvara", users["sekreterare"])
    row.refresh_from_db()
    assert row.answered_at is not None and cursor(row) is None
    assert heard_changes == [[row.pk]]
    assert row.history.count() == before + 1
    assert row.history.order_by("-history_id").first().history_change_reason == "Svar inkommit"


def test_cursor_is_kept_out_of_history(row, clock, django_capture_on_commit_callbacks):
    clock("2026-11-20", "12:00")
    before = row.history.count()
    Recipient.objects.filter(pk=row.pk).update(next_reminder_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.recipients_changed_on_commit([row.pk])
    assert cursor(row) == datetime.date(2026, 12, 2)
    assert row.history.count() == before


def test_a_rolled_back_savepoint_does_not_lose_later_changes(make_remiss, users, heard_changes,
                                                             django_capture_on_commit_callbacks):
    remiss = make_remiss(orgs_short=("kun", "rik"))
    kun, rik = remiss.recipients.order_by("organisation__short")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            services.recipient_mark_answered(recipient=kun, by=users["slk"])
            raise RuntimeError
        services.recipient_decline(recipient=rik, reason="Berör inte nämnden", by=users["slk"])
    assert heard_changes == [[rik.pk]]


def test_editing_a_remiss_without_moving_the_remisstid_reschedules_nothing(
        row, users, heard_changes, django_capture_on_commit_callbacks):
    remiss = row.remiss
    remiss.title = "Ny titel"
    with django_capture_on_commit_callbacks(execute=True):
        services.remiss_update(remiss=remiss, by=users["slk"])
    assert heard_changes == []
    remiss.deadline = remiss.deadline + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.remiss_update(remiss=remiss, by=users["slk"])
    assert heard_changes == [[row.pk]]
