"""Fixtures: a frozen clock, Kulturnämnden's monthly sammanträden, remisser with deadlines."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from meetings.models import Sammantrade
from programs.models import Recipient, Remiss, RemissStatus
from responses.models import State, Utlatande, UtlatandeRecipient

from .calendar import KULTUR_2026

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
TODAY = datetime.date(2026, 8, 20)


@pytest.fixture
def frozen(time_machine):
    """Thursday 2026-08-20, 10:00 in Stockholm."""
    time_machine.move_to(datetime.datetime(2026, 8, 20, 10, 0, tzinfo=STOCKHOLM), tick=False)
    return TODAY


@pytest.fixture
def kultur_meetings(orgs):
    return {d: Sammantrade.objects.create(organisation=orgs["kun"], date=d, time=datetime.time(16),
                                          place="Kulturhuset, sal 3")
            for d in KULTUR_2026}


@pytest.fixture
def make_remiss(orgs, program):
    counter = iter(range(100, 1000))

    def make(deadline, title="Program för kvalitetsutveckling", shorts=("kun",)):
        remiss = Remiss.objects.create(
            program=program, title=f"{title} {next(counter)}", ks_dnr=f"KS 2026/{next(counter)}",
            remiss_date=datetime.date(2026, 6, 1), deadline=deadline, sender=orgs["ks"],
            status=RemissStatus.UTSKICKAD, sent_at=timezone.now())
        for short in shorts:
            Recipient.objects.create(remiss=remiss, organisation=orgs[short])
        return remiss

    return make


@pytest.fixture
def make_answer(orgs, users):
    def make(recipient, state=State.UTKAST, title=None, points=None):
        utlatande = Utlatande.objects.create(
            organisation=recipient.organisation, owner=users["handlaggare_a"],
            title=title or f"{recipient.remiss.title}. Svar på remiss från kommunstyrelsen",
            state=state, own_dnr="KUN 2026/77",
            decision_points=points or [
                "Kulturnämnden godkänner förvaltningens tjänsteutlåtande och överlämnar det "
                "till kommunstyrelsen som svar på remissen.",
                "Ärendet justeras omedelbart."])
        UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
        return utlatande

    return make


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Creating six users per test with the production hasher costs seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
