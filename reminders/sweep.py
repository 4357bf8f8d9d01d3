"""The reminder sweep (run by beat every 15 minutes), its dry run, and rescheduling.

Recipient.next_reminder_at is the sweep's cursor: the time the row's next step is due,
or NULL when nothing more will be sent. The sweep reads only rows with
next_reminder_at <= now through its index, so its cost grows with what is due, not
with the number of open rows. All three (sweep, plan, reschedule) take their steps from
row_schedules(): the sweep claims a row's due step and moves its cursor to the
following step; the rescheduler puts the cursor on the due step, else the following.
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


@dataclass(frozen=True)
class RowSchedule:
    """Where one row stands in the policy's steps at a moment."""

    due: schedule.Step | None  # the latest step whose time has come, not yet claimed
    following: schedule.Step | None  # the first step whose time is still to come

    @property
    def cursor(self) -> datetime.datetime | None:
        """Where next_reminder_at belongs: a due step at once, else the following one."""
        step = self.due or self.following
        return step.send_at if step else None

    @property
    def cursor_after_claim(self) -> datetime.datetime | None:
        return self.following.send_at if self.following else None


NOTHING = RowSchedule(None, None)


def row_schedules(rows: list[Recipient], policy: ReminderPolicy,
                  now: datetime.datetime) -> dict[int, RowSchedule]:
    """The one reminder schedule, used by the sweep, the dry run and the rescheduler.

    Rows are read with deadlines.with_status(). A row that does not await an answer
    (RecipientQuerySet.awaiting_answer) gets nothing. Otherwise only the latest step
    whose time has come counts (a sweep that did not run for days, a remiss sent or an
    anstånd granted after some steps' time sends that one once, not every missed one),
    and only while nobody got it yet (an undeliverable row does not count). Steps are
    computed once per deadline and the ledger asked once for all rows.
    """
    steps: dict = {}
    out: dict[int, RowSchedule] = {}
    due: dict[int, schedule.Step] = {}
    for recipient in rows:
        if not recipient.is_awaiting:
            out[recipient.pk] = NOTHING
            continue
        deadline = recipient.effective_deadline
        if deadline not in steps:
            steps[deadline] = schedule.due_and_next(deadline, policy, now)
        latest, following = steps[deadline]
        out[recipient.pk] = RowSchedule(latest, following)
        if latest is not None:
            due[recipient.pk] = latest
    if due:
        claimed = set(SentReminder.objects.filter(
            content_type=ContentType.objects.get_for_model(Recipient), object_id__in=list(due),
            kind__in={step.kind for step in due.values()},
        ).exclude(status=SentReminder.Status.UNDELIVERABLE)
            .values_list("object_id", "kind", "occasion"))
        for pk, step in due.items():
            if (pk, step.kind, step.occasion) in claimed:
                out[pk] = RowSchedule(None, out[pk].following)
    return out


def due_recipients(now: datetime.datetime):
    return Recipient.objects.filter(next_reminder_at__lte=now)


def _plans(batch: list[Recipient], policy: ReminderPolicy, now: datetime.datetime):
    """For each row of the batch: its Planned (or None) and its row schedule."""
    schedules = row_schedules(batch, policy, now)
    staff = deadlines.escalation_staff(r.organisation_id for r in batch)
    muted = deadlines.muted_pairs(r.remiss_id for r in batch)
    out = []
    for recipient in batch:
        row = schedules[recipient.pk]
        planned = None
        if row.due is not None:
            planned = Planned(recipient, row.due, deadlines.claims_for(
                recipient, row.due, staff=staff.get(recipient.organisation_id, []),
                muted=muted))
        out.append((planned, row))
    return out


def _due_rows(now):
    return deadlines.with_status(
        due_recipients(now).select_related("remiss", "organisation", "handlaggare")
        .order_by("next_reminder_at", "pk"), now)


def sweep(now: datetime.datetime | None = None, *, batch_size: int = 500,
          dispatch: bool = True) -> SweepResult:
    """Claim every due reminder and queue its delivery. Safe to run concurrently and again.

    Rows are locked with SKIP LOCKED, so concurrent sweeps share the work; the ledger's
    unique key makes a double claim a no-op anyway. dispatch=False claims without queueing
    tasks (benchmarks, tests of the claim alone).
    """
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    result = SweepResult()
    if not policy.enabled:
        return result
    while True:
        with transaction.atomic():
            batch = list(_due_rows(now)
                         .select_for_update(skip_locked=True, of=("self",))[:batch_size])
            if not batch:
                break
            plans = _plans(batch, policy, now)
            claims = [c for planned, _ in plans if planned for c in planned.claims]
            result.claimed += len(ledger.claim(claims, now=now, dispatch=dispatch))
            cursors = {}
            for recipient, (_, row) in zip(batch, plans, strict=True):
                cursors[recipient.pk] = row.cursor_after_claim
                result.stopped += row.cursor_after_claim is None
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
    batch = list(_due_rows(now)[:limit])
    return [planned for planned, _ in _plans(batch, policy, now) if planned]


def next_reminder_at(recipient: Recipient, now: datetime.datetime | None = None,
                     policy: ReminderPolicy | None = None) -> datetime.datetime | None:
    """Where the cursor of one row (read with deadlines.with_status) belongs now."""
    now = now or timezone.now()
    policy = policy or ReminderPolicy.current()
    return row_schedules([recipient], policy, now)[recipient.pk].cursor


def reschedule(recipient: Recipient | int, now: datetime.datetime | None = None):
    """Recompute one row's cursor; returns it."""
    pk = recipient if isinstance(recipient, int) else recipient.pk
    reschedule_all(Recipient.objects.filter(pk=pk), now)
    return Recipient.objects.filter(pk=pk).values_list("next_reminder_at", flat=True).first()


def reschedule_all(queryset=None, now: datetime.datetime | None = None,
                   chunk: int = 1000) -> int:
    """Recompute the cursor of every row of `queryset` (default: the rows of sent
    remisser) with row_schedules(), in chunks; returns rows read.

    200 000 rows cost 200 chunks of a few queries, not 200 000 queries.
    """
    now = now or timezone.now()
    policy = ReminderPolicy.current()
    queryset = queryset if queryset is not None else Recipient.objects.filter(
        remiss__status="utskickad")
    base = deadlines.with_status(queryset.select_related("remiss").order_by("pk"), now)
    count, last_pk = 0, 0
    while True:
        batch = list(base.filter(pk__gt=last_pk)[:chunk])
        if not batch:
            return count
        last_pk, count = batch[-1].pk, count + len(batch)
        schedules = row_schedules(batch, policy, now)
        set_cursors({r.pk: schedules[r.pk].cursor for r in batch
                     if schedules[r.pk].cursor != r.next_reminder_at})


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
    sender_ids = set(Recipient.objects.overdue(today)
                     .values_list("remiss__sender_id", flat=True).distinct())
    claims = []
    for sender in Organisation.objects.filter(pk__in=sender_ids):
        for email, user in digest_addressees(sender):
            claims.append(ledger.Claim(DIGEST_KIND, sender, today, email, user))
    with transaction.atomic():
        return len(ledger.claim(claims, now=now))


def digest_still_due(row) -> bool:
    today = timezone.localdate()
    return (row.occasion == today and Recipient.objects.overdue(today)
            .filter(remiss__sender_id=row.object_id).exists())
