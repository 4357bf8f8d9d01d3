"""Exactly-once sending: claim a row in the SentReminder ledger, then deliver it in a task.

Any app can send its own reminders with the same guarantee::

    from reminders import ledger

    def build(row):            # -> django.core.mail.EmailMessage, built at send time
        ...
    def still_due(row):        # -> bool: False skips the send (condition no longer holds)
        ...
    ledger.register("meeting", build=build, still_due=still_due)

    # later, e.g. from a beat task or a signal receiver, as often as you like:
    ledger.send_once(kind="meeting.justering", target=meeting, occasion=meeting.date,
                     addressee=user.email, user=user)

A kind is "<family>.<detail>"; the family picks the registered builder. send_once()
inserts the row (kind, target, occasion, addressee) and, only when this call inserted
it, queues deliver_reminder on commit. A second call with the same key returns None and
sends nothing: two beats, a retry or a re-run cannot send twice. Delivery takes the row
(committed), re-checks still_due(), sends outside any transaction, and marks it sent;
SMTP errors are retried with backoff (the sweep re-queues anything left pending) and end
as "failed", visible in admin.
"""

import datetime
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from .models import SentReminder

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Seconds to wait before attempt n+1 (n = attempts so far): 1 min, 5 min, 25 min, ...
BACKOFF_BASE = 60
BACKOFF_FACTOR = 5
# A pending row not tried for this long lost its task (worker crash, broker down): re-queue.
STALE_AFTER = datetime.timedelta(minutes=10)
# A delivery that took a row and recorded nothing for this long died (killed, OOM):
# the row may be taken again. Longer than any SMTP timeout.
LEASE = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class Kind:
    build: Callable[[SentReminder], EmailMessage]
    still_due: Callable[[SentReminder], bool]


_KINDS: dict[str, Kind] = {}


def register(family: str, *, build, still_due) -> None:
    _KINDS[family] = Kind(build=build, still_due=still_due)


def kind_for(row: SentReminder) -> Kind:
    return _KINDS[row.kind.split(".", 1)[0]]


def backoff(attempts: int) -> int:
    return BACKOFF_BASE * BACKOFF_FACTOR ** max(0, attempts - 1)


@dataclass(frozen=True)
class Claim:
    """What to claim: one ledger row."""

    kind: str
    target: object
    occasion: datetime.date
    addressee: str = ""
    user: object = None
    deadline: datetime.date | None = None


def claim(claims: Iterable[Claim], *, now=None, dispatch: bool = True) -> list[SentReminder]:
    """Insert the ledger rows that do not exist yet; return (and queue) only those.

    One INSERT ... ON CONFLICT DO NOTHING for all rows; the rows this call inserted are
    found again by a claim id only this call knows.
    """
    now = now or timezone.now()
    token = uuid.uuid4()
    rows = []
    types: dict[type, ContentType] = {}
    for c in claims:
        model = type(c.target)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model)
        addressee = (c.addressee or "").strip().lower()
        rows.append(SentReminder(
            kind=c.kind, content_type=types[model], object_id=c.target.pk,
            occasion=c.occasion, addressee=addressee, user=c.user, deadline=c.deadline,
            claim=token, next_attempt_at=now, last_error="" if addressee else
            "Ingen e-postadress: varken handläggare eller organisation har någon.",
            status=SentReminder.Status.PENDING if addressee
            else SentReminder.Status.UNDELIVERABLE,
        ))
    if not rows:
        return []
    insert_ignoring_conflicts(rows, now)
    won = list(SentReminder.objects.filter(claim=token))
    pending = [r.pk for r in won if r.status == SentReminder.Status.PENDING]
    if dispatch and pending:
        transaction.on_commit(lambda: queue_delivery(pending))
    return won


_COLUMNS = [  # (column, PostgreSQL array type, attribute)
    ("kind", "text", "kind"), ("content_type_id", "integer", "content_type_id"),
    ("object_id", "bigint", "object_id"), ("occasion", "date", "occasion"),
    ("addressee", "text", "addressee"), ("user_id", "bigint", "user_id"),
    ("status", "text", "status"), ("deadline", "date", "deadline"),
    ("last_error", "text", "last_error"), ("claim", "uuid", "claim"),
    ("next_attempt_at", "timestamptz", "next_attempt_at"),
]


def insert_ignoring_conflicts(rows: list[SentReminder], now) -> None:
    """INSERT ... ON CONFLICT DO NOTHING for many rows.

    On PostgreSQL one statement over arrays: bulk_create() compiles a parameter per field
    and row, which is most of a large sweep's time.
    """
    if connection.vendor != "postgresql":
        SentReminder.objects.bulk_create(rows, ignore_conflicts=True)
        return
    table = SentReminder._meta.db_table
    columns = ", ".join(c for c, _, _ in _COLUMNS)
    arrays = ", ".join(f"%s::{t}[]" for _, t, _ in _COLUMNS)
    sql = (f'INSERT INTO "{table}" ({columns}, subject, attempts, created_at) '  # noqa: S608
           f"SELECT *, '', 0, %s FROM unnest({arrays}) ON CONFLICT DO NOTHING")
    params = [[getattr(r, attr) for r in rows] for _, _, attr in _COLUMNS]
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, *params])


def send_once(*, kind: str, target, occasion: datetime.date, addressee: str, user=None,
              deadline: datetime.date | None = None) -> SentReminder | None:
    """Claim one reminder and queue its delivery; None when it was claimed before."""
    won = claim([Claim(kind, target, occasion, addressee, user, deadline)])
    return won[0] if won else None


def queue_delivery(pks: list[int]) -> None:
    from .tasks import deliver_reminders

    for start in range(0, len(pks), 50):
        deliver_reminders.delay(pks[start:start + 50])


def message_id(row: SentReminder) -> str:
    """The same Message-ID on every attempt of one ledger row.

    Should a crash make us send a reminder again (see deliver), mail servers and clients
    see a copy of one message, which they drop or thread, not a second reminder.
    """
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "remiss.invalid"
    return f"<paminnelse-{row.pk}.{row.claim}@{domain}>"


def _take(pk: int, now) -> bool:
    """Take a pending row for one attempt: a conditional UPDATE, committed at once.

    Only one delivery wins; a row taken by a worker that died is free again after LEASE.
    """
    with transaction.atomic():
        taken = (SentReminder.objects
                 .filter(Q(sending_since__isnull=True) | Q(sending_since__lte=now - LEASE),
                         pk=pk, status=SentReminder.Status.PENDING)
                 .update(sending_since=now))
    return taken == 1


def _record(pk: int, taken_at, **fields) -> None:
    """Write the outcome and give the row back; only the delivery that took it may."""
    with transaction.atomic():
        SentReminder.objects.filter(pk=pk, sending_since=taken_at).update(
            sending_since=None, **fields)


def deliver(pk: int, *, now=None) -> str | None:
    """Send one claimed reminder. Returns its new status, or None when not ours to send.

    No transaction is open while the mail server is talked to: the row is taken (a
    conditional UPDATE, committed), checked and sent, and the outcome recorded in a
    second short transaction. A duplicate task finds the row taken or sent and does
    nothing. A worker killed after taking the row leaves it pending: after LEASE the
    sweep queues it again (requeue_stale) and it is sent then, once. A crash after the
    mail server accepted the mail but before the outcome was recorded sends it again:
    at-least-once for that narrow window, never silently lost; the copy carries the same
    Message-ID, so mail systems recognise it as the same message.
    """
    now = now or timezone.now()
    if not _take(pk, now):
        return None
    row = SentReminder.objects.get(pk=pk)
    kind = kind_for(row)
    if not kind.still_due(row):
        _record(pk, now, status=SentReminder.Status.SKIPPED)
        return SentReminder.Status.SKIPPED
    attempts = row.attempts + 1
    try:
        message = kind.build(row)
        subject = message.subject[:300]
        message.to = [row.addressee]
        message.extra_headers["Message-ID"] = message_id(row)
        message.send()
    except Exception as exc:  # SMTP and friends: record, back off, retry
        log.warning("Reminder %s failed (attempt %s): %s", pk, attempts, exc)
        status = (SentReminder.Status.FAILED if attempts >= MAX_ATTEMPTS
                  else SentReminder.Status.PENDING)
        _record(pk, now, status=status, attempts=attempts,
                last_error=f"{type(exc).__name__}: {exc}"[:2000],
                next_attempt_at=now + datetime.timedelta(seconds=backoff(attempts)))
        return status
    _record(pk, now, status=SentReminder.Status.SENT, sent_at=now, attempts=attempts,
            subject=subject)
    return SentReminder.Status.SENT


def requeue_stale(now=None) -> int:
    """Queue again pending rows whose retry time passed long ago (their task was lost)."""
    now = now or timezone.now()
    pks = list(SentReminder.objects.filter(
        Q(sending_since__isnull=True) | Q(sending_since__lte=now - LEASE),
        status=SentReminder.Status.PENDING, next_attempt_at__lte=now - STALE_AFTER)
        .values_list("pk", flat=True)[:1000])
    if pks:
        transaction.on_commit(lambda: queue_delivery(pks))
    return len(pks)


def retry(rows) -> int:
    """Admin action: put failed rows back in the queue."""
    pks = [r.pk for r in rows if r.status == SentReminder.Status.FAILED]
    SentReminder.objects.filter(pk__in=pks).update(status=SentReminder.Status.PENDING,
                                                   attempts=0, next_attempt_at=timezone.now(),
                                                   sending_since=None)
    if pks:
        transaction.on_commit(lambda: queue_delivery(pks))
    return len(pks)
