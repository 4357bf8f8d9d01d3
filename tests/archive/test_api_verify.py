"""Verifiera in the API: the web's verification of a §'s signed protokollsutdrag and of an
uploaded copy, as JSON, with the web's visibility rules for the key's organisation."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from api import services
from archive.models import SignedDocument
from meetings.models import Arende, Outcome
from responses.models import State, Utlatande
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(justerad):
    return SignedDocument.objects.get(arende=justerad)


def _client(orgs, short, scopes="read"):
    return ApiClient(services.api_key_create(name=f"Diariet {short}", organisation=orgs[short],
                                             scopes=scopes)[1])


def _one_byte_changed(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[changed.index(b"stream") + 200] ^= 0x01
    return bytes(changed)


def _upload(client, data, name="utdrag.pdf"):
    return client.post("/api/v1/verifiering/",
                       {"file": SimpleUploadedFile(name, data, "application/pdf")})


def test_the_paragraph_links_its_verification_which_reports_both_signers(orgs, document):
    client = _client(orgs, "rik")  # another organisation: a decided answer is public
    meeting = client.get(f"/api/v1/sammantraden/{document.arende.meeting_id}/").json()
    [paragraf] = meeting["paragrafer"]
    assert paragraf["id"] == document.arende_id
    response = client.get(paragraf["verifiering"])
    assert response.status_code == 200
    data = response.json()
    assert data["result"] == "oforandrad" and data["ok"] is True and data["changed"] is False
    assert data["message"]["sv"].startswith("Oförändrad") and data["message"]["en"]
    assert (data["paragraf"], data["paragraph"]) == (document.arende_id, "41")
    assert data["sha256"] == document.sha256 and data["sha256_matches"] is True
    signers = [(s["signer_name"], s["role"]) for s in data["signatures"]]
    assert signers == [("Ulla Ek", "Ordförande"), ("Per Berg", "Justerare")]
    for signature in data["signatures"]:
        assert signature["valid"] and signature["trusted"] and signature["unchanged"]
        assert signature["ok"] and signature["signed_at"] and signature["timestamp"]
        assert "Kulturnämnden e-sigill (test)" in signature["certificate_chain"][0]
        assert "Remiss test root CA" in signature["certificate_chain"][-1]
        assert signature["reason"].startswith(signature["role"] + ": justering av protokoll")


def test_a_stored_file_changed_on_disk_is_reported_as_changed(orgs, document):
    tampered = _one_byte_changed(document.read())
    with open(document.pdf.path, "wb") as handle:
        handle.write(tampered)
    data = _client(orgs, "kun").get(
        f"/api/v1/paragrafer/{document.arende_id}/verifiering/").json()
    assert data["result"] == "andrad" and data["changed"] is True and data["ok"] is False
    assert data["sha256_matches"] is False


def test_a_copy_is_verified_and_one_changed_byte_is_reported(orgs, document):
    client = _client(orgs, "rik")  # read scope suffices: verifying changes nothing
    original = document.read()
    data = _upload(client, original).json()
    assert data["result"] == "oforandrad" and data["sha256"] == document.sha256
    assert [(s["signer_name"], s["role"]) for s in data["signatures"]] == [
        ("Ulla Ek", None), ("Per Berg", None)]  # the role as the signature states it:
    assert data["signatures"][0]["reason"].startswith("Ordförande: ")  # in its reason

    tampered = _one_byte_changed(original)
    response = _upload(client, tampered, "kopia.pdf")
    assert response.status_code == 200
    data = response.json()
    assert data["result"] == "andrad" and data["changed"] is True and data["ok"] is False
    assert data["message"]["en"].startswith("Changed")
    assert data["sha256"] == hashlib.sha256(tampered).hexdigest()
    assert not all(s["unchanged"] and s["valid"] for s in data["signatures"])


def test_an_upload_that_is_not_a_pdf_is_refused(orgs):
    response = _upload(_client(orgs, "rik"), b"hej", "brev.txt")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"]["file"][0]["code"] == "not_pdf"


def _another_paragraph(orgs, users, document, *, paragraph, state, outcome):
    """A second § of Kulturnämnden at the signed §'s meeting, not signed itself."""
    answer = Utlatande.objects.create(organisation=orgs["kun"], title=f"Ärende § {paragraph}",
                                      state=state)
    return Arende.objects.create(meeting=document.arende.meeting, utlatande=answer,
                                 paragraph=paragraph, outcome=outcome,
                                 recorded_by=users["sekreterare"])


def test_a_key_sees_only_what_its_organisation_may_see(orgs, users, document):
    # A § of Kulturnämnden whose answer is still working material (bordlagt).
    bordlagt = _another_paragraph(orgs, users, document, paragraph="42",
                                  state=State.KLAR_FOR_NAMND, outcome=Outcome.BORDLAGT)
    url = f"/api/v1/paragrafer/{bordlagt.pk}/verifiering/"
    own = _client(orgs, "kun").get(url)
    assert own.status_code == 404 and own.json()["error"]["code"] == "not_signed"
    other = _client(orgs, "rik").get(url)
    assert other.status_code == 404 and other.json()["error"]["code"] == "not_found"

    signed_url = f"/api/v1/paragrafer/{document.arende_id}/verifiering/"
    write_only = _client(orgs, "kun", scopes="write").get(signed_url)
    assert write_only.status_code == 403
    assert write_only.json()["error"]["code"] == "scope_missing"
    assert ApiClient(None).get(signed_url).status_code == 401


def test_the_signed_protokollsutdrag_is_downloaded_as_stored(orgs, document):
    """A diarium registers the protokollsutdrag of record: the signed bytes, with their
    digest, linked from the §; a § not yet justerad has none."""
    client = _client(orgs, "rik")
    meeting = client.get(f"/api/v1/sammantraden/{document.arende.meeting_id}/").json()
    [paragraf] = meeting["paragrafer"]
    assert paragraf["justerad_date"] == document.arende.justerad_date.isoformat()
    response = client.get(paragraf["protokollsutdrag"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data == document.read()
    assert response["X-Content-SHA256"] == document.sha256
    assert response["Content-Disposition"] == (
        f'attachment; filename="{document.arende.utdrag_file_name()}"')
    assert _upload(client, data).json()["result"] == "oforandrad"


def test_no_protokollsutdrag_before_justering(orgs, users, document):
    beslutad = _another_paragraph(orgs, users, document, paragraph="43",
                                  state=State.BESLUTAD, outcome=Outcome.ENLIGT_FORSLAG)
    client = _client(orgs, "kun")
    paragrafer = client.get(f"/api/v1/sammantraden/{beslutad.meeting_id}/").json()["paragrafer"]
    assert next(p for p in paragrafer if p["id"] == beslutad.pk)["protokollsutdrag"] is None
    response = client.get(f"/api/v1/paragrafer/{beslutad.pk}/protokollsutdrag/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_justerad"
