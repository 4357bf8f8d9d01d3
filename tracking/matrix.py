"""The tracking matrix of one remiss: one row per recipient with the state of its answer.

Reads are constant in number whatever the number of recipients: one query for the
recipients, one for their active answers, one for pending anstånd, one for what the
user may read.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.models import AnstandRequest, AnstandStatus, Recipient, Remiss
from responses.models import Stance, State, UtlatandeRecipient
from responses.selectors import visible_utlatanden


class MatrixState(models.TextChoices):
    EJ_PABORJAD = "ej_paborjad", _("Ej påbörjad")
    UTKAST = "utkast", _("Utkast")
    GRANSKNING = "granskning", _("Granskning")
    KLAR_FOR_NAMND = "klar_for_namnd", _("Klar för nämnd")
    BESLUTAD = "beslutad", _("Beslutad, ej justerad")
    JUSTERAD = "justerad", _("Justerad")
    INKOMMIT = "inkommit", _("Besvarad, inkommit")
    AVSTAR = "avstar", _("Avstår")


STATE_ORDER = {state: i for i, state in enumerate(MatrixState.values)}
_FROM_WORKFLOW = {
    State.UTKAST: MatrixState.UTKAST,
    State.GRANSKNING: MatrixState.GRANSKNING,
    State.KLAR_FOR_NAMND: MatrixState.KLAR_FOR_NAMND,
    State.BESLUTAD: MatrixState.BESLUTAD,
    State.JUSTERAD: MatrixState.JUSTERAD,
    State.BESVARAD: MatrixState.INKOMMIT,
}


@dataclass
class Row:
    recipient: Recipient
    state: str
    deadline: datetime.date
    answered_on: datetime.date | None
    days_late: int
    is_decided: bool = False
    is_received: bool = False
    is_overdue: bool = False
    utlatande: object = None
    readable: bool = False
    handlaggare: str = ""
    stance: str = ""
    pending_anstand: AnstandRequest | None = None
    days_left: int = 0  # until the effective deadline; negative when passed

    @property
    def organisation(self):
        return self.recipient.organisation

    @property
    def decision(self):
        """The paragraph at which the nämnd decided the answer (meetings.Arende), if any."""
        return self.utlatande.decision if self.utlatande is not None else None

    @property
    def state_label(self) -> str:
        return MatrixState(self.state).label

    @property
    def stance_label(self) -> str:
        return Stance(self.stance).label if self.stance else ""

    @property
    def is_late(self) -> bool:
        """Overdue now, or received after the deadline."""
        return self.days_late > 0

    @property
    def after_close(self) -> bool:
        """The answer arrived after SLK had closed the remiss."""
        closed = self.recipient.remiss.closed_at
        arrived = self.recipient.answered_at
        return bool(closed and arrived and arrived > closed)


def recipient_state(recipient: Recipient, utlatande) -> str:
    if recipient.declined:
        return MatrixState.AVSTAR
    if recipient.answered_at:
        return MatrixState.INKOMMIT
    if utlatande is None:
        return MatrixState.EJ_PABORJAD
    if utlatande.stance == Stance.AVSTAR and utlatande.state in (State.JUSTERAD,
                                                                  State.BESVARAD):
        return MatrixState.AVSTAR
    return _FROM_WORKFLOW[utlatande.state]


def answered_on(recipient: Recipient, utlatande, state: str) -> datetime.date | None:
    """The day shown with the state: received by KS, else justerad, else declined."""
    if recipient.answered_at:
        return timezone.localdate(recipient.answered_at)
    if state == MatrixState.JUSTERAD and utlatande is not None:
        return utlatande.justerad_date or timezone.localdate(utlatande.updated_at)
    if state == MatrixState.AVSTAR and utlatande is not None:
        return utlatande.justerad_date or timezone.localdate(utlatande.updated_at)
    return None


def days_late(recipient: Recipient, today: datetime.date) -> int:
    """Days past the deadline: until today while overdue, until arrival once received."""
    deadline = recipient.effective_deadline
    if recipient.is_overdue:
        return (today - deadline).days
    if recipient.answered_at:
        return max(0, (timezone.localdate(recipient.answered_at) - deadline).days)
    return 0


def recipients_with_answers(remiss_or_qs):
    qs = (remiss_or_qs.recipients.all() if isinstance(remiss_or_qs, Remiss) else remiss_or_qs)
    return qs.select_related("organisation", "handlaggare", "remiss").prefetch_related(
        Prefetch("links", to_attr="active_links",
                 queryset=UtlatandeRecipient.objects.filter(is_active=True)
                 .select_related("utlatande", "utlatande__owner")
                 # The nämnd's paragraph (meetings.Arende), read by Utlatande.decision.
                 .prefetch_related("utlatande__arenden__meeting")),
        Prefetch("anstand_requests", to_attr="pending_anstand",
                 queryset=AnstandRequest.objects.filter(status=AnstandStatus.BEGARD)),
    )


def build_rows(recipients, user, today: datetime.date | None = None) -> list[Row]:
    """Rows for a queryset of recipients (from recipients_with_answers); their status
    (decided, received, overdue) comes from RecipientQuerySet.with_status()."""
    today = today or timezone.localdate()
    recipients = list(recipients.with_status(today))
    utlatanden = {r.pk: (r.active_links[0].utlatande if r.active_links else None)
                  for r in recipients}
    ids = {u.pk for u in utlatanden.values() if u is not None}
    readable = set(visible_utlatanden(user).filter(pk__in=ids).values_list("pk", flat=True)
                   ) if ids else set()
    rows = []
    for recipient in recipients:
        utlatande = utlatanden[recipient.pk]
        state = recipient_state(recipient, utlatande)
        answered = answered_on(recipient, utlatande, state)
        deadline = recipient.effective_deadline
        owner = utlatande.owner if utlatande is not None else None
        # An answer that arrived outside Remiss has the stance SLK registered with it.
        stance = Stance.AVSTAR if state == MatrixState.AVSTAR else (
            (utlatande.stance if utlatande is not None else "") or recipient.answer_stance)
        rows.append(Row(
            recipient=recipient, state=state, deadline=deadline, answered_on=answered,
            days_late=days_late(recipient, today), is_decided=recipient.is_decided,
            is_received=recipient.is_received, is_overdue=recipient.is_overdue,
            utlatande=utlatande,
            readable=utlatande is not None and utlatande.pk in readable,
            handlaggare=str(recipient.handlaggare or owner or ""),
            stance=stance or "",
            pending_anstand=(recipient.pending_anstand[0] if recipient.pending_anstand
                             else None),
            days_left=(deadline - today).days,
        ))
    return rows


@dataclass
class Summary:
    total: int
    decided: int
    received: int
    late: int  # overdue now
    by_state: list = field(default_factory=list)
    by_stance: list = field(default_factory=list)
    pending_anstand: int = 0


def summarise(rows: list[Row]) -> Summary:
    states = Counter(r.state for r in rows)
    stances = Counter(r.stance for r in rows if r.is_decided and r.stance)
    return Summary(
        total=len(rows),
        decided=sum(1 for r in rows if r.is_decided),
        received=sum(1 for r in rows if r.is_received),
        late=sum(1 for r in rows if r.is_overdue),
        by_state=[(s, s.label, states.get(s.value, 0)) for s in MatrixState],
        by_stance=[(s, s.label, stances.get(s.value, 0)) for s in Stance],
        pending_anstand=sum(1 for r in rows if r.pending_anstand),
    )


SORT_KEYS = {
    "organisation": lambda r: r.organisation.name.lower(),
    "handlaggare": lambda r: r.handlaggare.lower(),
    "remisstid": lambda r: (r.deadline, r.organisation.name.lower()),
    "status": lambda r: (STATE_ORDER[r.state], r.organisation.name.lower()),
    "stallningstagande": lambda r: (r.stance, r.organisation.name.lower()),
    "forsenad": lambda r: (r.days_late, r.organisation.name.lower()),
}


def filter_and_sort(rows: list[Row], *, state="", kind="", text="", late=False,
                    sort="organisation", descending=False) -> list[Row]:
    if state:
        rows = [r for r in rows if r.state == state]
    if kind:
        rows = [r for r in rows if r.organisation.kind == kind]
    if text:
        needle = text.lower()
        rows = [r for r in rows if needle in r.organisation.name.lower()
                or needle in r.organisation.forvaltning.lower()
                or needle in r.handlaggare.lower()]
    if late:
        rows = [r for r in rows if r.is_late]
    key = SORT_KEYS.get(sort, SORT_KEYS["organisation"])
    return sorted(rows, key=key, reverse=descending)


COLUMNS = [
    ("organisation", _("Organisation")),
    ("handlaggare", _("Handläggare")),
    ("remisstid", _("Remisstid")),
    ("status", _("Status")),
    ("stallningstagande", _("Ställningstagande")),
    ("forsenad", _("Dagar sen")),
]
