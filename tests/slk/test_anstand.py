"""Anstånd: the recipient asks, SLK grants or refuses, the deadline and history follow."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs import anstand
from programs.models import AnstandRequest, AnstandStatus


@pytest.fixture
def kun(remiss):
    return remiss.recipients.get(organisation__short="kun")


def _ask(client, remiss, recipient, days, reason="Nämnden sammanträder först i december."):
    return client.post(reverse("programs:anstand_request", args=[remiss.pk, recipient.pk]),
                       {"deadline": (remiss.deadline + datetime.timedelta(days=days)).isoformat(),
                        "reason": reason})


def test_request_and_grant(client_for, users, remiss, kun, heard_changes,
                           django_capture_on_commit_callbacks):
    response = _ask(client_for(users["handlaggare_a"]), remiss, kun, 20)
    assert response.status_code == 302
    request = AnstandRequest.objects.get()
    assert request.status == AnstandStatus.BEGARD
    assert request.previous_deadline == remiss.deadline

    matrix = client_for(users["slk"]).get(reverse("programs:matrix", args=[remiss.pk]))
    assert "Pröva anstånd till" in matrix.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(users["slk"]).post(
            reverse("programs:anstand_decide", args=[request.pk]),
            {"decision": "grant", "comment": "Beviljas."})
    assert response.status_code == 302
    kun.refresh_from_db()
    new_deadline = remiss.deadline + datetime.timedelta(days=20)
    assert kun.anstand_deadline == new_deadline and kun.effective_deadline == new_deadline
    assert heard_changes == [[kun.pk]]
    request.refresh_from_db()
    assert request.status == AnstandStatus.BEVILJAD and request.decided_by == users["slk"]
    # The change is in the history of the recipient row.
    assert kun.history.first().anstand_deadline == new_deadline
    assert kun.history.first().history_change_reason.startswith("Anstånd beviljat")
    assert mail.outbox[0].to == [users["handlaggare_a"].email]
    assert "beviljat" in mail.outbox[0].body and new_deadline.isoformat() in mail.outbox[0].body

    page = client_for(users["handlaggare_a"]).get(remiss.get_absolute_url()).content.decode()
    assert new_deadline.isoformat() in page and "Beviljad" in page


def test_refuse_keeps_the_deadline(client_for, users, remiss, kun,
                                   django_capture_on_commit_callbacks):
    _ask(client_for(users["handlaggare_a"]), remiss, kun, 10)
    request = AnstandRequest.objects.get()
    slk = client_for(users["slk"])
    url = reverse("programs:anstand_decide", args=[request.pk])
    response = slk.post(url, {"decision": "refuse", "comment": ""})
    assert "Motivera varför anståndet inte beviljas" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        slk.post(url, {"decision": "refuse", "comment": "Remisstiden är redan generös."})
    request.refresh_from_db()
    kun.refresh_from_db()
    assert request.status == AnstandStatus.AVSLAGEN and kun.anstand_deadline is None
    assert "inte beviljat" in mail.outbox[0].body
    # A decided request cannot be decided again.
    with pytest.raises(ValidationError):
        anstand.anstand_grant(request=request, by=users["slk"])


@pytest.mark.parametrize("days", [0, -3])
def test_anstand_must_be_later_than_current_deadline(client_for, users, remiss, kun, days):
    response = _ask(client_for(users["handlaggare_a"]), remiss, kun, days)
    assert "Anståndet måste gälla en senare dag" in response.content.decode()
    assert not AnstandRequest.objects.exists()


def test_one_pending_request_at_a_time(client_for, users, remiss, kun):
    client = client_for(users["handlaggare_a"])
    _ask(client, remiss, kun, 10)
    response = _ask(client, remiss, kun, 15)
    assert "redan en obesvarad begäran" in response.content.decode()
    assert AnstandRequest.objects.count() == 1


def test_granted_date_must_be_later(users, remiss, kun):
    request = anstand.anstand_request(recipient=kun, by=users["handlaggare_a"],
                                      deadline=remiss.deadline + datetime.timedelta(days=9),
                                      reason="Sammanträde")
    with pytest.raises(ValidationError) as error:
        anstand.anstand_grant(request=request, by=users["slk"], deadline=remiss.deadline)
    assert error.value.code == "anstand_not_later"


def test_other_organisations_and_non_slk_are_refused(client_for, users, remiss, kun):
    assert _ask(client_for(users["handlaggare_b"]), remiss, kun, 10).status_code == 403
    _ask(client_for(users["handlaggare_a"]), remiss, kun, 10)
    request = AnstandRequest.objects.get()
    response = client_for(users["handlaggare_a"]).post(
        reverse("programs:anstand_decide", args=[request.pk]), {"decision": "grant"})
    assert response.status_code == 403
    kun.refresh_from_db()
    assert kun.anstand_deadline is None
