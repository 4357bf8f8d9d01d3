"""The reminder sweep (run by beat every 15 minutes) and rescheduling of one row.

Recipient.next_reminder_at is the sweep's cursor: the time the row's next step is due,
or NULL when nothing more will be sent. The sweep reads only rows with
next_reminder_at <= now through its index, so its cost grows with what is due, not
with the number of open rows. Each due row gets its latest due step claimed in the
ledger (a sweep that did not run for days sends that one, not every missed one) and
its cursor moved to the next step. Rows are locked with SKIP LOCKED, so concurrent
sweeps share the work; the ledger's unique key makes a double claim a no-op anyway.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from organisations.models import Organisation, Role, User
from programs.models import Recipient
from remiss import workdays

from . import deadlines, ledger, schedule
from .models import ReminderPolicy, SentReminder

DIGEST_KIND = "digest.overdue"


@dataclass
class Planned:
    recipient: Recipient
    step: schedule.Step
    claims: list = field(default_factory=list)


@dataclass
class SweepResult:
    recipients: int = 0  # due rows read
    claimed: int = 0  # ledger rows this sweep inserted (mails queued or undeliverable)
    stopped: int = 0  # rows that need no more reminders (answered, closed ...)
    requeued: int = 0  # lost deliveries queued again
    planned: list = field(default_factory=list)


def due_recipients(now: datetime.datetime):
    return Recipient.objects.filter(next_reminder_at__lte=now)


def _plan_batch(batch: list[Recipient], policy: ReminderPolicy, now: datetime.datetime):
    """For each row: (its Planned or None, its next cursor value)."""
    staff = deadlines.escalation_staff(r.organisation_id for r in batch)
    muted = deadlines.muted_pairs(r.remiss_id for r in batch)
    steps: dict = {}  # rows of one remiss share a deadline: compute its steps once
    out = []
    for recipient in batch:
        if not deadlines.is_remindable(recipient):
            out.append((None, None))
            continue
        deadline = recipient.effective_deadline
        if deadline not in steps:
            steps[deadline] = schedule.due_and_next(deadline, policy, now)
        step, following = steps[deadline]
        planned = None
        if step is not None:
            planned = Planned(recipient, step, deadlines.claims_for(
                recipient, step, staff=staff.get(recipient.organisation_id, []),
                muted=muted))
        out.append((planned, following.send_at if following else None))
    return out


def _locked_batch(now, batch_size):
    return list(deadlines.with_answer(
        due_recipients(now)
        .select_related("remiss", "organisation", "handlaggare")
        .order_by("next_reminder_at", "pk")
        .select_for_update(skip_locked=True, of=("self",))
    )[:batch_size])


def sweep(now: datetime.datetime | None = None, *, batch_size: int = 500,
          dispatch: bool = True) -> SweepResult:
    """Claim every due reminder and queue its delivery. Safe to run concurrently and again.

    dispatch=False claims without queueing tasks (benchmarks, tests of the claim alone).
    """
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    result = SweepResult()
    if not policy.enabled:
        return result
    while True:
        with transaction.atomic():
            batch = _locked_batch(now, batch_size)
            if not batch:
                break
            plans = _plan_batch(batch, policy, now)
            claims = [c for planned, _ in plans if planned for c in planned.claims]
            result.claimed += len(ledger.claim(claims, now=now, dispatch=dispatch))
            cursors = {}
            for recipient, (_, following) in zip(batch, plans, strict=True):
                cursors[recipient.pk] = following
                result.stopped += following is None
            set_cursors(cursors)
            result.recipients += len(batch)
        if len(batch) < batch_size:
            break
    with transaction.atomic():
        result.requeued = ledger.requeue_stale(now) if dispatch else 0
    return result


def set_cursors(cursors: dict[int, datetime.datetime | None]) -> None:
    """Write many rows' next_reminder_at in one statement, outside history.

    bulk_update() builds a CASE per row, which costs more than the whole rest of the sweep;
    PostgreSQL joins against two arrays instead. Elsewhere rows are grouped by value.
    """
    if not cursors:
        return
    if connection.vendor == "postgresql":
        table = Recipient._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE "{table}" AS r SET next_reminder_at = v.at '  # noqa: S608 - our table
                "FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(id, at) WHERE r.id = v.id",
                [list(cursors), list(cursors.values())])
        return
    by_value: dict = {}
    for pk, value in cursors.items():
        by_value.setdefault(value, []).append(pk)
    for value, pks in by_value.items():
        Recipient.objects.filter(pk__in=pks).update(next_reminder_at=value)


def plan(now: datetime.datetime | None = None, *, limit: int = 10_000) -> list[Planned]:
    """What sweep() would claim now, without writing anything (send_reminders --dry-run)."""
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    if not policy.enabled:
        return []
    batch = list(deadlines.with_answer(
        due_recipients(now).select_related("remiss", "organisation", "handlaggare")
        .order_by("next_reminder_at", "pk"))[:limit])
    return [planned for planned, _ in _plan_batch(batch, policy, now) if planned]


def next_reminder_at(recipient: Recipient, now: datetime.datetime | None = None,
                     policy: ReminderPolicy | None = None) -> datetime.datetime | None:
    """Where the cursor of one row belongs now.

    The latest step whose time has come counts as still due when nobody got it yet:
    a remiss sent (or an anstånd granted, or a handläggare with an address assigned)
    after that step's time gets it at the next sweep, once.
    """
    now = now or timezone.now()
    policy = policy or ReminderPolicy.current()
    if not deadlines.is_remindable(recipient):
        return None
    deadline = recipient.effective_deadline
    step = schedule.latest_due_step(deadline, policy, now)
    if step is not None and not deadlines.step_was_claimed(recipient, step):
        return step.send_at
    following = schedule.next_step_after(deadline, policy, now)
    return following.send_at if following else None


def reschedule(recipient: Recipient | int, now: datetime.datetime | None = None):
    """Recompute one row's cursor (called on every change that can move its reminders)."""
    pk = recipient if isinstance(recipient, int) else recipient.pk
    fresh = deadlines.load_recipient(pk)
    if fresh is None:
        return None
    value = next_reminder_at(fresh, now)
    # QuerySet.update: bookkeeping only, kept out of the row's history.
    Recipient.objects.filter(pk=pk).update(next_reminder_at=value)
    return value


def reschedule_all(queryset=None, now: datetime.datetime | None = None,
                   chunk: int = 1000) -> int:
    """Recompute every open row's cursor (after the policy changed); returns rows read.

    Same rule as next_reminder_at(), in chunks: steps computed once per deadline and the
    ledger asked once per chunk, so 200 000 rows cost 200 chunks, not 200 000 queries.
    """
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    queryset = queryset if queryset is not None else Recipient.objects.filter(
        remiss__status="utskickad")
    base = deadlines.with_answer(queryset.select_related("remiss").order_by("pk"))
    content_type = ContentType.objects.get_for_model(Recipient)
    steps: dict = {}
    count, last_pk = 0, 0
    while True:
        batch = list(base.filter(pk__gt=last_pk)[:chunk])
        if not batch:
            return count
        last_pk, count = batch[-1].pk, count + len(batch)
        cursors, due = {}, {}
        for recipient in batch:
            cursors[recipient.pk] = None
            if not deadlines.is_remindable(recipient):
                continue
            deadline = recipient.effective_deadline
            if deadline not in steps:
                steps[deadline] = schedule.due_and_next(deadline, policy, now)
            latest, following = steps[deadline]
            cursors[recipient.pk] = following.send_at if following else None
            if latest is not None:
                due[recipient.pk] = latest
        if due:
            claimed = set(SentReminder.objects.filter(
                content_type=content_type, object_id__in=list(due),
                kind__in={step.kind for step in due.values()},
            ).exclude(status=SentReminder.Status.UNDELIVERABLE)
                .values_list("object_id", "kind", "occasion"))
            for pk, step in due.items():
                if (pk, step.kind, step.occasion) not in claimed:
                    cursors[pk] = step.send_at
        set_cursors({r.pk: cursors[r.pk] for r in batch
                     if cursors[r.pk] != r.next_reminder_at})


# --- The daily overdue digest for stadsledningskontoret -----------------------------------

def digest_addressees(sender: Organisation) -> list[tuple[str, User | None]]:
    users = [u for u in User.objects.filter(organisation=sender, is_active=True,
                                            role=Role.STADSLEDNINGSKONTORET) if u.email]
    if users:
        return [(u.email, u) for u in users]
    return [(sender.email, None)] if sender.email else [("", None)]


def send_digests(now: datetime.datetime | None = None, *, force: bool = False) -> int:
    """Once per working day from the policy's digest hour: one mail per SLK user and sender.

    Run hourly by beat; the ledger key (sender, day, addressee) keeps it to one a day.
    """
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    local = now.astimezone(schedule.STOCKHOLM)
    today = local.date()
    if not force and (not policy.enabled or local.hour < policy.digest_hour
                      or not workdays.is_working_day(today)):
        return 0
    sender_ids = set(deadlines.overdue_recipients(today)
                     .values_list("remiss__sender_id", flat=True).distinct())
    claims = []
    for sender in Organisation.objects.filter(pk__in=sender_ids):
        for email, user in digest_addressees(sender):
            claims.append(ledger.Claim(DIGEST_KIND, sender, today, email, user))
    with transaction.atomic():
        return len(ledger.claim(claims, now=now))


def digest_still_due(row) -> bool:
    today = timezone.localdate()
    return (row.occasion == today and deadlines.overdue_recipients(today)
            .filter(remiss__sender_id=row.object_id).exists())
