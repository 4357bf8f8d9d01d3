"""Fixtures: a throwaway PKI and TSA, and a remiss whose answer was decided and justerad
with omedelbar justering by two justerare."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import Outcome, Sammantrade
from meetings.services import ItemDecision
from programs.models import Recipient, Remiss, RemissDocument, RemissStatus
from responses.models import State, Utlatande, UtlatandeRecipient
from tests.archive.meeting_steps import record_meeting

from .pki import make_pki, start_tsa

JUSTERARE = "Ulla Ek (ordförande) och Per Berg"


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def tsa_url(pki):
    url, server = start_tsa(pki)
    yield url
    server.shutdown()


@pytest.fixture
def signing(settings, pki, tsa_url):
    """The organisation seal and the TSA configured as in production."""
    settings.ARCHIVE_SIGNER_BACKEND = "archive.signers.PadesSealSigner"
    settings.ARCHIVE_SEAL_KEY = str(pki.seal_key)
    settings.ARCHIVE_SEAL_CERT = str(pki.seal_cert)
    settings.ARCHIVE_SEAL_CHAIN = []
    settings.ARCHIVE_TSA_URL = tsa_url
    settings.ARCHIVE_TRUST_ROOTS = [str(pki.root_cert)]
    return pki


@pytest.fixture
def decided(orgs, users, program):
    """A remiss with one bilaga and Kulturnämnden's answer, klar för nämnd at yesterday's
    sammanträde. Returns (remiss, answer, meeting)."""
    today = timezone.localdate()
    remiss = Remiss.objects.create(
        program=program, title="Program för kvalitetsutveckling", ks_dnr="KS 2026/1350",
        remiss_date=today - datetime.timedelta(days=60),
        deadline=today + datetime.timedelta(days=10), sender=orgs["ks"],
        status=RemissStatus.UTSKICKAD, sent_at=timezone.now(), contact_name="Eva Svensson",
        description="Stadsledningskontoret remitterar förslaget till reviderat program.")
    document = RemissDocument(remiss=remiss, title="Förslag till program",
                              content_type="application/pdf")
    document.file.save("Förslag till program.pdf",
                       ContentFile(b"%PDF-1.7\n% remitterat program\n%%EOF\n"))
    recipient = Recipient.objects.create(remiss=remiss, organisation=orgs["kun"],
                                         own_dnr="KUN 2026/77")
    answer = Utlatande.objects.create(
        organisation=orgs["kun"], till=orgs["kun"].name, own_dnr="KUN 2026/77",
        title="Program för kvalitetsutveckling. Svar på remiss från kommunstyrelsen",
        state=State.KLAR_FOR_NAMND, owner=users["handlaggare_a"],
        decision_points=["Kulturnämnden godkänner förvaltningens tjänsteutlåtande och "
                         "överlämnar det till kommunstyrelsen som svar på remissen."])
    UtlatandeRecipient.objects.create(utlatande=answer, recipient=recipient)
    meeting = Sammantrade.objects.create(organisation=orgs["kun"],
                                         date=today - datetime.timedelta(days=1),
                                         time=datetime.time(16), place="Kulturhuset")
    return remiss, answer, meeting


@pytest.fixture
def justerad(decided, users, signing):
    """The answer decided at § 41 and justerad omedelbart by two justerare."""
    remiss, answer, meeting = decided
    [arende] = record_meeting(meeting, users["sekreterare"], [
        ItemDecision(answer, "41", Outcome.ENLIGT_FORSLAG, omedelbar_justering=True)],
        justerare=JUSTERARE)
    answer.refresh_from_db()
    return arende
