"""Webhooks: signed, timestamped deliveries to a real HTTP receiver; retries, then a logged
failure; each fact once, with an id the receiver can de-duplicate on."""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from api.models import (
    DeliveryStatus,
    WebhookDelivery,
    WebhookEvent,
    WebhookEventType,
    WebhookSubscription,
)
from api.webhooks import backoff_seconds, sign, verify_signature
from programs import anstand, sending, services
from programs.models import RemissStatus


class Receiver:
    """An HTTP server in a thread that answers `status` and keeps what it got."""

    def __init__(self, status=204):
        self.status = status
        self.requests = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(status=204):
        made.append(Receiver(status))
        return made[-1]

    yield make
    for r in made:
        r.close()


def _subscribe(url, events, **extra):
    return WebhookSubscription.objects.create(name="Diariet", url=url, events=events, **extra)


def test_remiss_utskickad_is_delivered_signed_and_verifiable(
        receiver, draft_remiss, orgs, users, django_capture_on_commit_callbacks):
    hook = receiver()
    subscription = _subscribe(hook.url, [WebhookEventType.REMISS_UTSKICKAD])
    with django_capture_on_commit_callbacks(execute=True):
        sending.remiss_set_recipients(remiss=draft_remiss, organisations=[orgs["kun"]],
                                      by=users["slk"])
        sending.remiss_send(remiss=draft_remiss, by=users["slk"])
    assert len(hook.requests) == 1
    headers, body = hook.requests[0]
    assert verify_signature(subscription.secret, body, headers["Remiss-Signature"])
    assert not verify_signature("fel hemlighet", body, headers["Remiss-Signature"])
    assert not verify_signature(subscription.secret, body + b" ", headers["Remiss-Signature"])
    payload = json.loads(body)
    event = WebhookEvent.objects.get()
    assert payload["id"] == headers["Remiss-Event-Id"] == str(event.id)
    assert payload["type"] == headers["Remiss-Event-Type"] == "remiss.utskickad"
    assert payload["data"]["remiss"]["ks_dnr"] == "KS 2026/1500"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 1
    assert delivery.attempt_log.get().status_code == 204


def test_an_old_signature_is_refused_as_a_replay():
    body = b'{"id":"x"}'
    header = sign("s", body, timestamp=1_700_000_000)
    assert verify_signature("s", body, header, now=1_700_000_100)
    assert not verify_signature("s", body, header, now=1_700_000_000 + 301)
    assert not verify_signature("s", body, "t=nonsens")


def test_a_failing_receiver_gets_retries_then_a_logged_failure(receiver, remiss, users,
                                                               settings, caplog,
                                                               django_capture_on_commit_callbacks):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    hook = receiver(status=500)
    _subscribe(hook.url, [WebhookEventType.REMISS_AVSLUTAD])
    with django_capture_on_commit_callbacks(execute=True):
        services.remiss_close(remiss=remiss, by=users["slk"])
    delivery = WebhookDelivery.objects.get()
    assert len(hook.requests) == 3
    # Every attempt carries the same event id (the receiver de-duplicates on it).
    assert {h["Remiss-Event-Id"] for h, _ in hook.requests} == {str(delivery.event_id)}
    assert [h["Remiss-Delivery-Attempt"] for h, _ in hook.requests] == ["1", "2", "3"]
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3
    assert [a.status_code for a in delivery.attempt_log.all()] == [500, 500, 500]
    assert "HTTP 500" in delivery.last_error
    assert "misslyckades efter 3 försök" in caplog.text


def test_backoff_doubles_up_to_a_ceiling(settings):
    settings.WEBHOOK_BACKOFF_SECONDS = 30
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff_seconds(30) == 6 * 3600


def test_unreachable_receiver_is_retried_and_logged(remiss, users, settings,
                                                    django_capture_on_commit_callbacks):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    _subscribe("http://127.0.0.1:9/ingen", [WebhookEventType.REMISS_AVSLUTAD])
    with django_capture_on_commit_callbacks(execute=True):
        services.remiss_close(remiss=remiss, by=users["slk"])
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
    assert "ConnectionError" in delivery.last_error


def test_anstand_and_answer_events_once_each_for_the_right_organisation(
        receiver, remiss, users, orgs, django_capture_on_commit_callbacks):
    hook_rik, hook_kun = receiver(), receiver()
    events = [WebhookEventType.ANSTAND_BEVILJAT, WebhookEventType.SVAR_BESVARAT]
    _subscribe(hook_rik.url, events, organisation=orgs["rik"])
    _subscribe(hook_kun.url, events, organisation=orgs["kun"])
    rik = remiss.recipients.get(organisation__short="rik")
    later = remiss.deadline + datetime.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        request = anstand.anstand_request(recipient=rik, deadline=later, reason="Sent möte",
                                          by=users["handlaggare_b"])
    with django_capture_on_commit_callbacks(execute=True):
        anstand.anstand_grant(request=request, by=users["slk"])
    with django_capture_on_commit_callbacks(execute=True):
        services.recipient_mark_answered(recipient=rik, by=users["slk"],
                                        at=timezone.now() - datetime.timedelta(hours=1))
    types = [json.loads(body)["type"] for _, body in hook_rik.requests]
    assert types == ["anstand.beviljat", "svar.besvarat"]
    granted = json.loads(hook_rik.requests[0][1])["data"]
    assert granted["deadline"] == later.isoformat() and granted["organisation"] == "rik"
    assert hook_kun.requests == []
    assert WebhookEvent.objects.filter(type__in=events).count() == 2
    assert remiss.status == RemissStatus.UTSKICKAD


def test_paragraf_justerad_names_the_meeting_and_paragraph(
        receiver, remiss, users, orgs, answer, django_capture_on_commit_callbacks):
    from meetings.models import Arende, Outcome, Sammantrade
    from responses.models import State, Utlatande
    from responses.signals import utlatande_transitioned

    hook = receiver()
    _subscribe(hook.url, [WebhookEventType.PARAGRAF_JUSTERAD])
    utlatande = answer(remiss.recipients.get(organisation__short="kun"), state=State.JUSTERAD)
    meeting = Sammantrade.objects.create(organisation=orgs["kun"], date=timezone.localdate())
    arende = Arende.objects.create(meeting=meeting, utlatande=utlatande, paragraph="7",
                                   outcome=Outcome.ENLIGT_FORSLAG,
                                   recorded_by=users["sekreterare"])
    for _ in range(2):  # a signal sent twice is still one event
        with django_capture_on_commit_callbacks(execute=True):
            utlatande_transitioned.send(sender=Utlatande, utlatande=utlatande,
                                        from_state=State.BESLUTAD,
                                        to_state=State.JUSTERAD, by=users["sekreterare"],
                                        record=None)
    assert len(hook.requests) == 1
    data = json.loads(hook.requests[0][1])["data"]
    assert data["paragraph"] == "7" and data["sammantrade"]["id"] == meeting.pk
    assert data["protokollsutdrag"].endswith(f"/api/v1/paragrafer/{arende.pk}/protokollsutdrag/")
    assert data["svar"]["organisation"] == "kun"
