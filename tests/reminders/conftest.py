"""Fixtures for reminders: a remiss with a fixed deadline, a frozen clock, eager Celery."""

import datetime
import zoneinfo

import pytest
import time_machine

from programs.models import Recipient, Remiss, RemissStatus
from remiss.celery import app as celery_app

STHLM = zoneinfo.ZoneInfo("Europe/Stockholm")
# A Wednesday. Steps: 14 days before = Wed 2026-12-02; 3 days before = Sun 2026-12-13, sent
# Fri 2026-12-11; the day; overdue Wed 12-23, Wed 12-30, then 2027-01-06 (Trettondedag jul)
# sent Tue 2027-01-05.
DEADLINE = datetime.date(2026, 12, 16)


def at(day: str, clock: str = "08:05") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=STHLM)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The shared user fixtures hash passwords; the real hasher dominates these tests' time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def eager_celery():
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def clock():
    """clock("2026-12-02", "08:05") moves the frozen time; returns the aware datetime."""
    travellers = []

    def move(day: str, time: str = "08:05") -> datetime.datetime:
        when = at(day, time)
        if travellers:
            travellers[-1].stop()
        traveller = time_machine.travel(when, tick=False)
        traveller.start()
        travellers.append(traveller)
        return when

    yield move
    if travellers:
        travellers[-1].stop()


@pytest.fixture
def make_remiss(orgs, program):
    counter = iter(range(100, 10_000))

    def make(deadline=DEADLINE, orgs_short=("kun",), status=RemissStatus.UTSKICKAD, **extra):
        remiss = Remiss.objects.create(
            program=program, title="Reviderat program för kvalitetsutveckling",
            ks_dnr=f"KS 2026/{next(counter)}", remiss_date=deadline - datetime.timedelta(days=60),
            deadline=deadline, sender=orgs["ks"], status=status, **extra,
        )
        for short in orgs_short:
            Recipient.objects.create(remiss=remiss, organisation=orgs[short])
        return remiss

    return make


@pytest.fixture
def row(make_remiss, users):
    """The Kulturnämnden row of a sent remiss, handläggare assigned, cursor scheduled."""
    from reminders.sweep import reschedule

    remiss = make_remiss()
    recipient = remiss.recipients.get()
    recipient.handlaggare = users["handlaggare_a"]
    recipient.save()
    with time_machine.travel(at("2026-11-20", "12:00"), tick=False):
        reschedule(recipient)
    recipient.refresh_from_db()
    return recipient


@pytest.fixture
def run_sweep(django_capture_on_commit_callbacks):
    """Sweep now and deliver what it queued (eager tasks, on-commit callbacks run)."""
    from reminders.sweep import sweep

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return sweep(**kwargs)

    return run


