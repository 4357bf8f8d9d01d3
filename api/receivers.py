"""Facts of the remiss life cycle become webhook events (api/webhooks.py).

Every receiver runs after the change has been committed (the senders use on_commit), and a
failure here is logged, never shown to the person who sent the remiss.
"""

import functools
import logging

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from programs.models import AnstandStatus, Recipient, Remiss, RemissStatus
from programs.signals import recipients_changed
from responses.models import State
from responses.signals import utlatande_transitioned

from .models import WebhookEventType
from .webhooks import event_emit

logger = logging.getLogger(__name__)


def _logged(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            function(*args, **kwargs)
        except Exception:
            logger.exception("Webhook-händelsen kunde inte skapas (%s).", function.__name__)
    return wrapper


def _api_url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _remiss_data(remiss: Remiss) -> dict:
    return {"id": remiss.pk, "ks_dnr": remiss.ks_dnr, "title": remiss.title,
            "status": remiss.status, "deadline": remiss.deadline.isoformat(),
            "url": _api_url("api:remiss-detail", remiss.pk)}


def _remiss_event(type: str, remiss: Remiss) -> None:
    orgs = set(remiss.recipients.values_list("organisation_id", flat=True))
    event_emit(type=type, dedupe_key=f"{type}:{remiss.pk}", data={"remiss": _remiss_data(remiss)},
               organisation_ids=orgs | {remiss.sender_id})


def _recipient_data(recipient: Recipient) -> dict:
    return {"remiss": _remiss_data(recipient.remiss),
            "organisation": recipient.organisation.short, "own_dnr": recipient.own_dnr}


@receiver(recipients_changed)
@_logged
def on_recipients_changed(sender, recipient_ids, **kwargs):
    """The signal says only "these rows changed": each fact is found and emitted once
    (event_emit de-duplicates on its key), so a repeated signal emits nothing new."""
    recipients = list(Recipient.objects.select_related("remiss", "organisation")
                      .filter(pk__in=recipient_ids))
    for remiss in {r.remiss_id: r.remiss for r in recipients}.values():
        if remiss.status in (RemissStatus.UTSKICKAD, RemissStatus.AVSLUTAD) and remiss.sent_at:
            _remiss_event(WebhookEventType.REMISS_UTSKICKAD, remiss)
        if remiss.status == RemissStatus.AVSLUTAD and remiss.closed_at:
            _remiss_event(WebhookEventType.REMISS_AVSLUTAD, remiss)
    for recipient in recipients:
        _recipient_facts(recipient)


def _recipient_facts(recipient: Recipient) -> None:
    orgs = {recipient.organisation_id, recipient.remiss.sender_id}
    if recipient.answered_at is not None:
        link = recipient.links.filter(is_active=True).first()
        event_emit(
            type=WebhookEventType.SVAR_BESVARAT,
            dedupe_key=f"svar.besvarat:{recipient.pk}:{recipient.answered_at.isoformat()}",
            data={**_recipient_data(recipient),
                  "answered_at": timezone.localtime(recipient.answered_at).isoformat(),
                  "svar": _api_url("api:svar-detail", link.utlatande_id) if link else None},
            organisation_ids=orgs)
    for request in recipient.anstand_requests.filter(status=AnstandStatus.BEVILJAD):
        event_emit(
            type=WebhookEventType.ANSTAND_BEVILJAT, dedupe_key=f"anstand.beviljat:{request.pk}",
            data={**_recipient_data(recipient),
                  "deadline": (request.granted_deadline or request.requested_deadline).isoformat(),
                  "previous_deadline": request.previous_deadline.isoformat()},
            organisation_ids=orgs)


@receiver(utlatande_transitioned)
@_logged
def on_utlatande_transitioned(sender, utlatande, to_state, **kwargs):
    if to_state != State.JUSTERAD:
        return
    arende = utlatande.arenden.select_related("meeting").order_by("-meeting__date").first()
    orgs = {utlatande.organisation_id, *utlatande.participating_organisation_ids()}
    data = {"svar": {"id": utlatande.pk, "title": utlatande.title,
                     "organisation": utlatande.organisation.short,
                     "url": _api_url("api:svar-detail", utlatande.pk)},
            "sammantrade": None, "paragraph": None, "protokollsutdrag": None}
    if arende is not None:
        meeting = arende.meeting
        data["sammantrade"] = {"id": meeting.pk, "date": meeting.date.isoformat(),
                               "url": _api_url("api:sammantrade-detail", meeting.pk)}
        data["paragraph"] = arende.paragraph
        data["protokollsutdrag"] = _api_url("api:paragraf-utdrag", arende.pk)
    event_emit(type=WebhookEventType.PARAGRAF_JUSTERAD,
               dedupe_key=f"paragraf.justerad:{utlatande.pk}:{utlatande.version}",
               data=data, organisation_ids=orgs)
