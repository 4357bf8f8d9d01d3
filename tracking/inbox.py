"""Stadsledningskontoret's inbox on the start page: what needs SLK today.

Anstånd to decide (oldest first), answers that came in since SLK last marked them read,
remisser whose remisstid passed with recipients missing, and remisser where everyone has
answered (ready to close). The "answered" and "overdue" rules are overview.with_counts'.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from programs.models import AnstandRequest, AnstandStatus, InboxSeen, Recipient, RemissStatus
from programs.selectors import visible_remisser
from responses.models import UtlatandeRecipient
from responses.selectors import visible_utlatanden

from .overview import with_counts

# Without a mark (a first visit), answers of this many days back count as new.
FIRST_VISIT_DAYS = 30
MAX_NEW_ANSWERS = 50


@dataclass
class Inbox:
    since: datetime.datetime
    anstand: list = field(default_factory=list)
    new_answers: list = field(default_factory=list)
    late: list = field(default_factory=list)
    ready_to_close: list = field(default_factory=list)
    new_by_remiss: list = field(default_factory=list)
    open_remisser: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.anstand or self.new_answers or self.late or self.ready_to_close)


def seen_until(user) -> datetime.datetime:
    mark = InboxSeen.objects.filter(user=user).values_list("seen_until", flat=True).first()
    return mark or timezone.now() - datetime.timedelta(days=FIRST_VISIT_DAYS)


def inbox_mark_seen(*, user, at: datetime.datetime | None = None) -> InboxSeen:
    """The new answers up to `at` (default now) are read: they leave the inbox."""
    mark, _created = InboxSeen.objects.update_or_create(
        user=user, defaults={"seen_until": at or timezone.now()})
    return mark


def _by_remiss(recipients) -> list[dict]:
    """The new answers grouped by remiss, the remiss with the newest answer first."""
    groups: dict[int, dict] = {}
    for r in recipients:
        group = groups.setdefault(r.remiss_id, {"remiss": r.remiss, "answers": []})
        group["answers"].append({"recipient": r, "utlatande": r.active_links[0].utlatande
                                 if r.active_links else None})
    return list(groups.values())


def slk_inbox(user, today: datetime.date | None = None) -> Inbox:
    today = today or timezone.localdate()
    since = seen_until(user)
    remisser = visible_remisser(user)
    sent = with_counts(remisser.filter(status=RemissStatus.UTSKICKAD), today)
    anstand = (AnstandRequest.objects.filter(status=AnstandStatus.BEGARD,
                                             recipient__remiss__in=remisser)
               .select_related("recipient__remiss", "recipient__organisation",
                               "requested_by")
               .order_by("requested_at", "pk"))
    new_answers = list(Recipient.objects.filter(remiss__in=remisser, answered_at__gt=since)
                   .select_related("remiss", "organisation")
                   .prefetch_related(Prefetch(
                       "links", to_attr="active_links",
                       queryset=UtlatandeRecipient.objects.filter(
                           is_active=True, utlatande__in=visible_utlatanden(user))
                       .select_related("utlatande")))
                   .order_by("-answered_at", "pk")[:MAX_NEW_ANSWERS])
    sent = list(sent.order_by("deadline", "pk"))
    return Inbox(
        since=since,
        anstand=list(anstand),
        new_answers=[{"recipient": r, "utlatande": r.active_links[0].utlatande
                      if r.active_links else None} for r in new_answers],
        new_by_remiss=_by_remiss(new_answers),
        late=[r for r in sent if r.n_overdue],
        ready_to_close=[r for r in sent if r.n_recipients and not r.n_awaiting],
        open_remisser=sent,
    )
