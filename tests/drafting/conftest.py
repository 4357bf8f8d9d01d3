"""Fixtures for drafting: a draft of Kulturförvaltningen answering the shared remiss."""

import pytest

from organisations.models import Role
from responses.content import STANDARD_DECISION_POINTS, STANDARD_SECTIONS, new_section
from responses.models import Utlatande, UtlatandeRecipient


@pytest.fixture
def recipient_a(remiss):
    return remiss.recipients.get(organisation__short="kun")


@pytest.fixture
def recipient_b(remiss):
    return remiss.recipients.get(organisation__short="rik")


def make_draft(recipient, owner, **extra):
    utlatande = Utlatande.objects.create(
        organisation=recipient.organisation, owner=owner,
        title=f"{recipient.remiss.title} ({recipient.remiss.ks_dnr}). Svar på remiss från "
              f"kommunstyrelsen",
        till=recipient.organisation.name, decision_points=list(STANDARD_DECISION_POINTS),
        sections=[new_section(kind, heading, f"<p>{heading} text.</p>")
                  for kind, heading in STANDARD_SECTIONS],
        **extra)
    UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
    return utlatande


@pytest.fixture
def draft(users, recipient_a):
    return make_draft(recipient_a, users["handlaggare_a"])


@pytest.fixture
def draft_b(users, recipient_b):
    return make_draft(recipient_b, users["handlaggare_b"])


@pytest.fixture
def granskare_b(make_user):
    return make_user("granskare.rinkeby", "rik", Role.GRANSKARE, title="Stadsdelsdirektör")


@pytest.fixture
def sekreterare_b(make_user):
    return make_user("sekreterare.rinkeby", "rik", Role.NAMNDSEKRETERARE)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """The shared users fixture hashes six passwords per test; MD5 keeps this suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def eager_celery():
    """Listeners of the workflow (the PDF archive at justering) queue tasks: run them
    in-process, which also checks that archiving passes the database lock."""
    from remiss.celery import app as celery_app

    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
