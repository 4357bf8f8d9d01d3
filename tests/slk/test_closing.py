"""Closing a remiss; answers that arrive later are marked late; declining; answer arrival."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from programs import services
from programs.models import Recipient, Remiss, RemissStatus
from tracking import matrix


def test_close_and_late_answer(slk_client, users, remiss, heard_changes,
                               django_capture_on_commit_callbacks):
    today = timezone.localdate()
    Remiss.objects.filter(pk=remiss.pk).update(deadline=today - datetime.timedelta(days=4),
                                               remiss_date=today - datetime.timedelta(days=40))
    with django_capture_on_commit_callbacks(execute=True):
        slk_client.post(reverse("programs:remiss_close", args=[remiss.pk]))
    remiss.refresh_from_db()
    assert remiss.status == RemissStatus.AVSLUTAD and remiss.closed_at is not None
    assert heard_changes == [sorted(remiss.recipients.values_list("pk", flat=True))]

    kun = remiss.recipients.get(organisation__short="kun")
    response = slk_client.post(reverse("programs:recipient_answered", args=[remiss.pk, kun.pk]),
                               {"received": today.isoformat(), "stance": "tillstyrker",
                                "url": "https://diarium.stockholm.se/kun/2026-123"},
                               follow=True)
    body = response.content.decode()
    assert "registrerat som inkommet" in body
    assert "inkom efter avslut" in body and "4 dagar sen" in body
    row = next(r for r in matrix.build_rows(matrix.recipients_with_answers(remiss),
                                            users["slk"]) if r.recipient.pk == kun.pk)
    assert row.state == "inkommit" and row.is_late and row.after_close


def test_closing_twice_or_a_draft_is_refused(slk_client, draft):
    response = slk_client.post(reverse("programs:remiss_close", args=[draft.pk]), follow=True)
    assert "Bara en utskickad remiss kan avslutas" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == RemissStatus.UTKAST


def test_only_slk_closes(client_for, users, remiss):
    response = client_for(users["handlaggare_a"]).post(
        reverse("programs:remiss_close", args=[remiss.pk]))
    assert response.status_code == 403
    remiss.refresh_from_db()
    assert remiss.status == RemissStatus.UTSKICKAD


def test_recipient_declines(client_for, users, remiss):
    kun = remiss.recipients.get(organisation__short="kun")
    url = reverse("programs:recipient_decline", args=[remiss.pk, kun.pk])
    assert client_for(users["handlaggare_b"]).post(url, {"reason": "x"}).status_code == 403
    client_for(users["handlaggare_a"]).post(url, {"reason": "Berör inte nämnden."})
    kun.refresh_from_db()
    assert kun.declined and kun.declined_reason == "Berör inte nämnden."
    row = next(r for r in matrix.build_rows(matrix.recipients_with_answers(remiss),
                                            users["slk"]) if r.recipient.pk == kun.pk)
    assert row.state == "avstar" and row.stance == "avstar" and row.is_decided
    assert not row.is_received and not row.is_overdue


def test_mark_answered_twice_is_refused(users, remiss):
    kun = remiss.recipients.get(organisation__short="kun")
    services.recipient_mark_answered(recipient=kun, by=users["slk"])
    with pytest.raises(ValidationError) as error:
        services.recipient_mark_answered(recipient=kun, by=users["slk"])
    assert error.value.code == "already_answered"
    assert Recipient.objects.filter(answered_at__isnull=False).count() == 1


def test_a_received_moment_later_today_is_read_as_now(users, remiss):
    """Received "today at 16:00" entered in the morning: the answer came in, so it is stored
    as now, never as a moment in the future (the inbox compares moments)."""
    kun = remiss.recipients.get(organisation__short="kun")
    later = timezone.localtime().replace(hour=23, minute=59)
    before = timezone.now()
    services.recipient_mark_answered(recipient=kun, by=users["slk"], at=later)
    kun.refresh_from_db()
    assert before <= kun.answered_at <= timezone.now()
