"""Demo data of stadsledningskontoret's features: anstånd requests (one granted, one
waiting for SLK). Idempotent; called after responses.demo.seed_demo has built the city."""

import datetime

from django.db import transaction
from django.utils import timezone

from organisations.models import User

from .models import AnstandRequest, AnstandStatus, Recipient

# ks_dnr, organisation short, requester, extra days, reason, granted
ANSTAND = [
    ("KS 2026/1422", "kun", "handlaggare.kultur", 21,
     "Kulturnämnden sammanträder först efter remisstiden.", True),
    ("KS 2026/1350", "rik", "handlaggare.rinkeby", 14,
     "Stadsdelsnämndens sammanträde i december är det första efter remisstiden.", False),
]


@transaction.atomic
def seed_slk_demo() -> None:
    slk = User.objects.filter(username="slk").first()
    for ks_dnr, short, username, days, reason, granted in ANSTAND:
        recipient = Recipient.objects.filter(remiss__ks_dnr=ks_dnr,
                                             organisation__short=short).first()
        requester = User.objects.filter(username=username).first()
        if recipient is None or requester is None or recipient.anstand_requests.exists():
            continue
        current = recipient.effective_deadline
        wanted = current + datetime.timedelta(days=days)
        request = AnstandRequest.objects.create(
            recipient=recipient, requested_deadline=wanted, reason=reason,
            requested_by=requester, previous_deadline=current)
        if granted and slk is not None:
            AnstandRequest.objects.filter(pk=request.pk).update(
                status=AnstandStatus.BEVILJAD, granted_deadline=wanted, decided_by=slk,
                decided_at=timezone.now())
            recipient.anstand_deadline = wanted
            recipient.anstand_reason = reason
            recipient.save()
