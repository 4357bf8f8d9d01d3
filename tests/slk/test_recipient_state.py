"""Every page, digest, reminder and plan agrees on where a remissinstans stands.

One table of situations; for each, the expected answer of RecipientQuerySet (awaiting,
overdue, decided, received) and what the overview, the tracking matrix, the handläggare's
desk, SLK's overdue digest, the reminder dry run and the meeting plans show. Checked
before the remisstid and after it.
"""

import datetime

import pytest
import time_machine

from meetings.plans import plans_for_recipients
from programs.models import (
    ANSWER_SENT_STATE,
    DECIDED_ANSWER_STATES,
    AnstandRequest,
    AnstandStatus,
    Recipient,
    Remiss,
    RemissStatus,
)
from reminders import mail, sweep
from responses import desk
from responses.models import LOCKED_STATES, State, UtlatandeRecipient
from tracking import matrix, overview

pytestmark = pytest.mark.django_db

D = datetime.date
DEADLINE = D(2026, 12, 16)
BEFORE = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2026, 12, 21, 10, 0, tzinfo=datetime.UTC)


def _answer(make_answer, state):
    return lambda row, orgs: make_answer(row, state=state, stance="tillstyrker")


def _by_hand(row, orgs):
    Recipient.objects.filter(pk=row.pk).update(answered_at=BEFORE)


def _sent_in_system(make_answer):
    def setup(row, orgs):
        make_answer(row, state=State.BESVARAD, stance="tillstyrker")
        Recipient.objects.filter(pk=row.pk).update(answered_at=BEFORE)
    return setup


def _declined(row, orgs):
    Recipient.objects.filter(pk=row.pk).update(declined=True, declined_reason="Berör inte.")


def _anstand(status, users):
    def setup(row, orgs):
        later = DEADLINE + datetime.timedelta(days=7)
        AnstandRequest.objects.create(
            recipient=row, requested_deadline=later, reason="Sammanträde i januari",
            requested_by=users["handlaggare_a"], previous_deadline=DEADLINE, status=status,
            granted_deadline=later if status == AnstandStatus.BEVILJAD else None)
        if status == AnstandStatus.BEVILJAD:
            Recipient.objects.filter(pk=row.pk).update(anstand_deadline=later)
    return setup


def _joint(make_answer, *, active):
    """Rinkeby-Kista's justerad answer also answers Kulturnämnden's row (or did)."""
    def setup(row, orgs):
        partner = row.remiss.recipients.get(organisation=orgs["rik"])
        utlatande = make_answer(partner, state=State.JUSTERAD, stance="tillstyrker")
        UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=row, is_active=active)
    return setup


def _closed(row, orgs):
    Remiss.objects.filter(pk=row.remiss_id).update(status=RemissStatus.AVSLUTAD,
                                                   closed_at=BEFORE)


# situation -> (awaiting, decided, received); overdue = awaiting and past the deadline,
# except where the anstånd moves the deadline.
SITUATIONS = {
    "not started": (True, False, False),
    "utkast": (True, False, False),
    "granskning": (True, False, False),
    "klar för nämnd": (True, False, False),
    "beslutad": (True, False, False),
    "justerad": (True, True, False),
    "besvarad": (False, True, True),
    "inkommit by hand": (False, True, True),
    "declined": (False, True, False),
    "anstånd granted": (True, False, False),
    "anstånd denied": (True, False, False),
    "joint answer active": (True, True, False),
    "joint answer withdrawn": (True, False, False),
    "remiss closed": (False, False, False),
}


@pytest.fixture
def situation(request, orgs, users, program, make_answer):
    setups = {
        "not started": lambda row, orgs: None,
        "utkast": _answer(make_answer, State.UTKAST),
        "granskning": _answer(make_answer, State.GRANSKNING),
        "klar för nämnd": _answer(make_answer, State.KLAR_FOR_NAMND),
        "beslutad": _answer(make_answer, State.BESLUTAD),
        "justerad": _answer(make_answer, State.JUSTERAD),
        "besvarad": _sent_in_system(make_answer),
        "inkommit by hand": _by_hand,
        "declined": _declined,
        "anstånd granted": _anstand(AnstandStatus.BEVILJAD, users),
        "anstånd denied": _anstand(AnstandStatus.AVSLAGEN, users),
        "joint answer active": _joint(make_answer, active=True),
        "joint answer withdrawn": _joint(make_answer, active=False),
        "remiss closed": _closed,
    }
    with time_machine.travel(BEFORE - datetime.timedelta(days=20), tick=False):
        remiss = Remiss.objects.create(
            program=program, title="Reviderat program", ks_dnr="KS 2026/1350",
            remiss_date=DEADLINE - datetime.timedelta(days=60), deadline=DEADLINE,
            sender=orgs["ks"], status=RemissStatus.UTSKICKAD, sent_at=BEFORE)
        row = Recipient.objects.create(remiss=remiss, organisation=orgs["kun"],
                                       handlaggare=users["handlaggare_a"])
        Recipient.objects.create(remiss=remiss, organisation=orgs["rik"])
        setups[request.param](row, orgs)
    return request.param, Recipient.objects.get(pk=row.pk)


@pytest.mark.parametrize("now", [BEFORE, AFTER], ids=["before", "after"])
@pytest.mark.parametrize("situation", list(SITUATIONS), indirect=True)
def test_every_view_agrees(situation, now, users):
    name, row = situation
    awaiting, decided, received = SITUATIONS[name]
    with time_machine.travel(now, tick=False):
        today = now.date()
        deadline = row.effective_deadline
        overdue = awaiting and deadline < today

        # The one definition.
        status = Recipient.objects.with_status(today).get(pk=row.pk)
        assert (status.is_awaiting, status.is_overdue, status.is_decided,
                row.is_received) == (awaiting, overdue, decided, received)
        assert Recipient.objects.overdue(today).filter(pk=row.pk).exists() is overdue
        assert Recipient.objects.awaiting_answer().filter(pk=row.pk).exists() is awaiting

        # The overview counts only this row's remiss; the partner row (rik) is counted
        # apart: it is not started except in the joint situations.
        counted = overview.with_counts(Remiss.objects.filter(pk=row.remiss_id), today).get()
        partner = Recipient.objects.with_status(today).exclude(pk=row.pk).get()
        assert counted.n_overdue == overdue + partner.is_overdue
        assert counted.n_decided == decided + partner.is_decided
        assert counted.n_received == received

        # The matrix.
        rows = {r.recipient.pk: r for r in matrix.build_rows(
            matrix.recipients_with_answers(row.remiss), users["slk"], today)}
        mine = rows[row.pk]
        assert (mine.is_overdue, mine.is_decided, mine.is_received) == (
            overdue, decided, received)
        assert (mine.days_late > 0) is (overdue or (received and row.answered_at.date()
                                                    > deadline))
        summary = matrix.summarise(list(rows.values()))
        assert summary.late == counted.n_overdue and summary.decided == counted.n_decided

        # The handläggare's desk (open remisser only).
        desk_rows = {r["recipient"].pk: r for r in desk.desk(users["handlaggare_a"])["rows"]}
        if row.remiss.status == RemissStatus.UTSKICKAD:
            assert (desk_rows[row.pk]["deadline"].level == "late") is overdue
        else:
            assert row.pk not in desk_rows

        # SLK's overdue digest.
        digest = {r.pk for r in mail.digest_rows(row.remiss.sender_id, today)}
        assert (row.pk in digest) is overdue

        # Reminders: the dry run lists the row exactly while it is awaited (on both
        # dates a step is due: 14 or 3 days before, or the deadline day once overdue).
        sweep.reschedule_all(Recipient.objects.all(), now)
        planned = {p.recipient.pk: p for p in sweep.plan(now)}
        assert (row.pk in planned) is awaiting
        if overdue:
            assert planned[row.pk].step.kind == "deadline.day"

        # Meeting plans: only awaited rows are planned.
        assert (row.pk in plans_for_recipients([row], today=today)) is awaiting


def test_the_decided_states_are_the_workflows_justerad_and_besvarad():
    assert set(DECIDED_ANSWER_STATES) == set(LOCKED_STATES)
    assert ANSWER_SENT_STATE == State.BESVARAD
