"""API fixtures: keys per organisation and scope, a client that sends them, answers."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from api import services
from programs.models import Remiss, RemissStatus
from responses.content import SectionKind, new_section
from responses.models import Utlatande, UtlatandeRecipient


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


class ApiClient(Client):
    """A test client that sends one key and JSON bodies."""

    def __init__(self, key: str | None):
        super().__init__(HTTP_AUTHORIZATION=f"Api-Key {key}" if key else "")
        self.key = key

    def post_json(self, path, data):
        return self.post(path, data, content_type="application/json")

    def patch_json(self, path, data):
        return self.patch(path, data, content_type="application/json")


@pytest.fixture
def api_key(orgs):
    """api_key("kun", "read,write") -> (ApiKey, plain key)."""
    def make(short, scopes="read", name=None):
        return services.api_key_create(name=name or f"Diariet {short}",
                                       organisation=orgs[short], scopes=scopes)

    return make


@pytest.fixture
def api_client(api_key):
    def make(short, scopes="read"):
        return ApiClient(api_key(short, scopes)[1])

    return make


@pytest.fixture
def draft_remiss(orgs, program, users):
    today = timezone.localdate()
    return Remiss.objects.create(
        program=program, title="Riktlinjer för lokalförsörjning (utkast)", ks_dnr="KS 2026/1500",
        remiss_date=today, deadline=today + datetime.timedelta(days=60), sender=orgs["ks"],
        status=RemissStatus.UTKAST, created_by=users["slk"])


@pytest.fixture
def answer():
    """An answer of `recipient` in `state`, linked as its active answer."""
    def make(recipient, *, state, stance=""):
        utlatande = Utlatande.objects.create(
            organisation=recipient.organisation, state=state, stance=stance,
            title=f"{recipient.remiss.title}. Svar på remiss från kommunstyrelsen",
            sections=[new_section(SectionKind.SYNPUNKTER, "Förvaltningens synpunkter",
                                  "<p>Inga synpunkter.</p>")])
        UtlatandeRecipient.objects.create(utlatande=utlatande, recipient=recipient)
        return utlatande

    return make
