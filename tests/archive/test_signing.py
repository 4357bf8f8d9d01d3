"""Signed digital justering: one PAdES signature per justerare, in incremental updates,
on the PDF/A protokollsutdrag; Verifiera finds them valid, and finds a changed byte."""

import hashlib

import pytest
from pypdf import PdfReader

from archive.justerare import parse_justerare
from archive.models import SignedDocument
from archive.pdfa import pdfa_problems
from archive.verification import verify_pdf
from meetings.models import Outcome
from meetings.services import ItemDecision, RecordingError
from responses.models import State
from tests.archive.meeting_steps import justera_protocol, record_meeting

pytestmark = pytest.mark.django_db


def test_two_justerare_sign_the_utdrag_each_in_its_own_revision(justerad):
    document = SignedDocument.objects.get(arende=justerad)
    data = document.read()
    assert hashlib.sha256(data).hexdigest() == document.sha256
    assert [(s.signer_name, s.role) for s in document.signatures.all()] == [
        ("Ulla Ek", "Ordförande"), ("Per Berg", "Justerare")]
    report = verify_pdf(data)
    assert report.ok and not report.changed
    first, second = report.signatures
    assert (first.signer_name, second.signer_name) == ("Ulla Ek", "Per Berg")
    assert first.reason.startswith("Ordförande: justering av protokoll Kulturnämnden")
    assert "§ 41" in second.reason
    # Each signature covers its own revision; the second one covers the whole file.
    assert not first.covers_whole_file and second.covers_whole_file
    assert first.chain[0].startswith("Common Name: Kulturnämnden e-sigill (test)")
    assert first.chain[-1].startswith("Common Name: Remiss test root CA")
    # The TSA is configured: PAdES-B-T, with a time from the timestamp authority.
    assert first.timestamp_time is not None and second.timestamp_time is not None


def test_the_signed_utdrag_is_still_pdfa(justerad):
    data = SignedDocument.objects.get(arende=justerad).read()
    assert pdfa_problems(data) == []
    reader = PdfReader(__import__("io").BytesIO(data))
    assert "Ulla Ek (ordförande) och Per Berg" in reader.pages[0].extract_text()


def test_one_changed_byte_is_reported_as_changed(justerad):
    data = bytearray(SignedDocument.objects.get(arende=justerad).read())
    # A byte of the page content, inside the range both signatures cover.
    position = data.index(b"stream") + 200
    data[position] ^= 0x01
    report = verify_pdf(bytes(data))
    assert report.changed and not report.ok
    assert not any(s.intact for s in report.signatures)


def test_an_appended_revision_that_changes_content_is_reported_as_changed(justerad):
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    data = SignedDocument.objects.get(arende=justerad).read()
    writer = IncrementalPdfFileWriter(BytesIO(data))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue())
    assert report.changed and not report.ok


def test_a_signature_from_an_untrusted_root_is_not_confirmed(justerad, settings, tmp_path):
    from .pki import make_pki

    other = make_pki(tmp_path)
    settings.ARCHIVE_TRUST_ROOTS = [str(other.root_cert)]
    report = verify_pdf(SignedDocument.objects.get(arende=justerad).read())
    assert not report.changed and not report.ok
    assert not any(s.trusted for s in report.signatures)


def test_a_pdf_without_signatures_and_a_broken_file(justerad):
    from meetings.pdf import render_utdrag_pdf

    unsigned = verify_pdf(render_utdrag_pdf(justerad))
    assert unsigned.readable and not unsigned.signed and not unsigned.ok
    assert verify_pdf(b"%PDF-1.7 nothing else").changed


def test_justera_protocol_signs_every_paragraph_once_per_justerare(decided, users, signing):
    remiss, answer, meeting = decided
    [arende] = record_meeting(meeting, users["sekreterare"],
                              [ItemDecision(answer, "7", Outcome.ENLIGT_FORSLAG)])
    assert not SignedDocument.objects.exists()  # decided, not yet justerad
    justera_protocol(meeting, users["sekreterare"], justerare="Anna Lind, Bo Ek",
                     justerad_date=meeting.date)
    document = SignedDocument.objects.get(arende=arende)
    assert [s.signer_name for s in document.signatures.all()] == ["Anna Lind", "Bo Ek"]
    assert [s.signer_name for s in verify_pdf(document.read()).signatures] == [
        "Anna Lind", "Bo Ek"]


def test_without_a_seal_the_justering_is_recorded_unsigned(decided, users, settings):
    settings.ARCHIVE_SEAL_KEY = settings.ARCHIVE_SEAL_CERT = ""
    remiss, answer, meeting = decided
    record_meeting(meeting, users["sekreterare"], [
        ItemDecision(answer, "41", Outcome.ENLIGT_FORSLAG, omedelbar_justering=True)],
        justerare="Ulla Ek")
    answer.refresh_from_db()
    assert answer.state == State.JUSTERAD
    assert not SignedDocument.objects.exists()


def test_a_signing_failure_leaves_the_paragraph_unjusterad(decided, users, signing, settings,
                                                           tmp_path):
    settings.ARCHIVE_SEAL_KEY = str(tmp_path / "missing.key")
    remiss, answer, meeting = decided
    with pytest.raises(RecordingError):
        record_meeting(meeting, users["sekreterare"], [
            ItemDecision(answer, "41", Outcome.ENLIGT_FORSLAG, omedelbar_justering=True)],
            justerare="Ulla Ek")
    answer.refresh_from_db()
    assert answer.state == State.KLAR_FOR_NAMND
    assert not SignedDocument.objects.exists()


@pytest.mark.parametrize(("text", "people"), [
    ("Ulla Ek (ordförande) och Per Berg", [("Ulla Ek", "Ordförande"), ("Per Berg", "Justerare")]),
    ("Anna Lind, Bo Ek; Anna Lind", [("Anna Lind", "Justerare"), ("Bo Ek", "Justerare")]),
    ("  ", []),
])
def test_parse_justerare(text, people):
    assert parse_justerare(text) == people


def test_only_the_newest_revision_stays_in_storage(decided, users, signing,
                                                   django_capture_on_commit_callbacks):
    remiss, answer, meeting = decided
    with django_capture_on_commit_callbacks(execute=True):
        [arende] = record_meeting(meeting, users["sekreterare"], [
            ItemDecision(answer, "41", Outcome.ENLIGT_FORSLAG, omedelbar_justering=True)],
            justerare="Ulla Ek, Per Berg")
    document = SignedDocument.objects.get(arende=arende)
    folder, _files = document.pdf.storage.listdir(document.pdf.name.rsplit("/", 1)[0])
    names = [n for n in _files if n.startswith(f"protokollsutdrag-{arende.pk}-")]
    assert names == [document.pdf.name.rsplit("/", 1)[1]]
    assert document.pdf.name.endswith("-r2.pdf")
