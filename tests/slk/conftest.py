"""Fixtures for stadsledningskontoret's features: logged-in clients, organisations, answers."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from organisations.models import Organisation, OrganisationKind
from programs.models import Recipient, Remiss, RemissStatus
from remiss.celery import app as celery_app
from responses.content import SectionKind, new_section
from responses.models import Utlatande, UtlatandeRecipient
from tests.conftest import PASSWORD
from tests.decisions import decide


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run in-process; the tests here are about the services, not the broker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return make


@pytest.fixture
def slk_client(users, client_for):
    return client_for(users["slk"])


@pytest.fixture
def more_orgs(orgs):
    """A second stadsdelsnämnd and a bolag, so quick groups have something to choose."""
    def make(short, name, kind):
        return Organisation.objects.create(short=short, name=name, forvaltning=f"{name} förv.",
                                           kind=kind, email=f"reg.{short}@stockholm.se")

    return {
        **orgs,
        "sod": make("sod", "Södermalms stadsdelsnämnd", OrganisationKind.STADSDELSNAMND),
        "utn": make("utn", "Utbildningsnämnden", OrganisationKind.FACKNAMND),
        "bost": make("bost", "AB Svenska Bostäder", OrganisationKind.BOLAG),
        "rad": make("rad", "Rådet för funktionshinderfrågor", OrganisationKind.RAD),
    }


@pytest.fixture
def draft(orgs, program, users):
    today = timezone.localdate()
    return Remiss.objects.create(
        program=program, title="Riktlinjer för lokalförsörjning", ks_dnr="KS 2026/1500",
        remiss_date=today, deadline=today + datetime.timedelta(days=60), sender=orgs["ks"],
        status=RemissStatus.UTKAST, created_by=users["slk"],
        contact_name="Karin Wallin", contact_email="slk@stockholm.se")


@pytest.fixture
def make_answer():
    """An answer of a recipient in a given workflow state (the drafting app's model)."""
    def make(recipient: Recipient, *, state, stance="", synpunkter="Inga synpunkter.",
             justerad_date=None, organisation=None, title=None, owner=None):
        remiss = recipient.remiss
        utlatande = Utlatande.objects.create(
            organisation=organisation or recipient.organisation,
            title=title or f"{remiss.title} ({remiss.ks_dnr}). Svar på remiss",
            state=state, stance=stance, owner=owner,
            sections=[
                new_section(SectionKind.SAMMANFATTNING, "Sammanfattning",
                            f"<p>Sammanfattning från {recipient.organisation.name}.</p>"),
                new_section(SectionKind.SYNPUNKTER, "Förvaltningens synpunkter",
                            f"<p>{synpunkter}</p>"),
            ])
        UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
        if justerad_date is not None:
            decide(utlatande, meeting_date=justerad_date, justerad_date=justerad_date)
        return utlatande

    return make
