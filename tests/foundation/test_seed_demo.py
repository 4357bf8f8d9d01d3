"""seed_demo loads a realistic city and a second run changes nothing."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from organisations.models import Organisation, User
from programs.models import Program, Remiss, RemissStatus
from responses.models import State, Utlatande

CONTRACT_USERS = ["handlaggare.kultur", "granskare.kultur", "sekreterare.kultur",
                  "handlaggare.rinkeby", "slk", "admin"]


def _row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()
            if m._meta.app_label in {"organisations", "programs", "responses"}}


@pytest.fixture
def seeded(db, settings, demo_clock):
    settings.DEBUG = True
    call_command("seed_demo")


def test_refused_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert User.objects.count() == 0


def test_city_program_and_users(seeded):
    assert Organisation.objects.filter(kind="stadsdelsnamnd").count() == 13
    assert Organisation.objects.filter(name="Kulturnämnden").exists()
    for username in CONTRACT_USERS:
        assert authenticate(username=username, password="remiss-demo") is not None, username
    program = Program.objects.get(title="Program för kvalitetsutveckling")
    years = sorted(program.remisser.values_list("remiss_date__year", flat=True))
    assert years[:3] == [2011, 2016, 2021]
    assert Utlatande.objects.filter(imported=True, state=State.BESVARAD).count() == 4


def test_open_remisser_around_today(seeded):
    from django.utils import timezone

    today = timezone.localdate()
    open_remisser = Remiss.objects.filter(status=RemissStatus.UTSKICKAD)
    assert open_remisser.filter(deadline__lt=today).exists()
    assert open_remisser.filter(deadline__gte=today,
                                deadline__lte=today + timezone.timedelta(days=7)).exists()
    assert Utlatande.objects.exclude(imported=True).values("state").distinct().count() >= 4


def test_idempotent(seeded):
    before = _row_counts()
    call_command("seed_demo")
    assert _row_counts() == before
