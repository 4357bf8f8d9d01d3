"""Shared fixtures: named users per role in two organisations, a sent remiss."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from organisations.models import Organisation, OrganisationKind, Role, User
from programs.models import Program, Recipient, Remiss, RemissStatus
from tests import hypothesis_profiles  # noqa: F401  (loads the profile before any test)

PASSWORD = "ett-langt-testlosenord-42"


# The demo city is built around today (open deadlines, meetings, late answers). Tests that
# load it build it from this one day and stay there, so they see the same city on any date.
DEMO_TODAY = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def demo_clock():
    """The clock at DEMO_TODAY (ticking) for the whole test: request it before seeding."""
    with time_machine.travel(DEMO_TODAY, tick=True):
        yield DEMO_TODAY.date()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The real hasher is slow by design; it dominated the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The suite runs with DEBUG off and logs demo users in (tests/security checks the refusal).
    settings.DEMO_PASSWORD_WITHOUT_DEBUG = True


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Tasks run in-process, unless a test drives a real worker (marker celery_e2e)."""
    from remiss.celery import app

    if request.node.get_closest_marker("celery_e2e"):
        yield
        return
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def orgs(db):
    def make(short, name, forvaltning, kind=OrganisationKind.FACKNAMND):
        return Organisation.objects.create(short=short, name=name, forvaltning=forvaltning,
                                           kind=kind, email=f"reg.{short}@stockholm.se")

    return {
        "ks": make("ks", "Kommunstyrelsen", "Stadsledningskontoret",
                   OrganisationKind.KOMMUNSTYRELSE),
        "kun": make("kun", "Kulturnämnden", "Kulturförvaltningen"),
        "rik": make("rik", "Rinkeby-Kista stadsdelsnämnd", "Rinkeby-Kista stadsdelsförvaltning",
                    OrganisationKind.STADSDELSNAMND),
    }


@pytest.fixture
def make_user(orgs):
    def make(username, org_short, role, **extra):
        user = User(username=username, organisation=orgs[org_short], role=role,
                    first_name=username.split(".")[0].title(), last_name="Testsson",
                    email=f"{username}@stockholm.se", **extra)
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


@pytest.fixture
def users(make_user):
    """One user per role: handläggare of A (kultur) and of B (rinkeby), and the rest."""
    return {
        "handlaggare_a": make_user("handlaggare.kultur", "kun", Role.HANDLAGGARE),
        "handlaggare_b": make_user("handlaggare.rinkeby", "rik", Role.HANDLAGGARE),
        "granskare": make_user("granskare.kultur", "kun", Role.GRANSKARE),
        "sekreterare": make_user("sekreterare.kultur", "kun", Role.NAMNDSEKRETERARE),
        "slk": make_user("slk", "ks", Role.STADSLEDNINGSKONTORET),
        "admin": make_user("admin", "ks", Role.ADMINISTRATOR, is_staff=True,
                           is_superuser=True),
    }


@pytest.fixture
def program(db):
    return Program.objects.create(title="Program för kvalitetsutveckling")


@pytest.fixture
def remiss(orgs, program):
    today = timezone.localdate()
    remiss = Remiss.objects.create(
        program=program, title="Reviderat program för kvalitetsutveckling",
        ks_dnr="KS 2026/1350", remiss_date=today - datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=14), sender=orgs["ks"],
        status=RemissStatus.UTSKICKAD, sent_at=timezone.now(),
    )
    for short in ("kun", "rik"):
        Recipient.objects.create(remiss=remiss, organisation=orgs[short])
    return remiss


@pytest.fixture
def heard_changes():
    """The recipient_ids of every programs.signals.recipients_changed sent in the test."""
    from programs import signals

    calls = []
    signals.recipients_changed.connect(
        lambda sender, recipient_ids, **kw: calls.append(recipient_ids), weak=False,
        dispatch_uid="test-heard-changes")
    yield calls
    signals.recipients_changed.disconnect(dispatch_uid="test-heard-changes")
