"""PDF/A at justering: rendered once, stored with its SHA-256, served byte for byte."""

import hashlib
import io

import pytest
from pypdf import PdfReader

from remiss.uploads import PDF
from responses.models import Bilaga, State, Utlatande
from responses.pdf.archive import archive_final_pdf, verify_archived
from responses.pdf.render import pdf_identifier, render_pdf
from responses.signals import utlatande_transitioned

from .conftest import pdf_text


@pytest.fixture
def justerad(make_utlatande, media):
    return make_utlatande(state=State.JUSTERAD, meeting_date="2026-11-19", paragraph="12")


def _xmp(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_archival_pdf_is_tagged_pdfa_with_metadata(justerad):
    data = render_pdf(justerad, archival=True)
    xmp = _xmp(data)
    assert "<pdfaid:part>3</pdfaid:part>" in xmp or 'pdfaid:part="3"' in xmp
    assert "pdfaid:conformance" in xmp and ">U<" in xmp or 'conformance="U"' in xmp
    assert justerad.title.split(" (")[0] in xmp  # dc:title
    assert "Kulturförvaltningen" in xmp  # dc:creator
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged for screen readers
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "sv"
    info = reader.metadata
    assert info.title == justerad.title
    assert info.author == "Kulturförvaltningen"
    assert "KS 2026/1350" in info.subject
    assert info.creation_date is not None
    assert reader.trailer["/ID"][0] == pdf_identifier(justerad).decode()
    assert "UTKAST" not in pdf_text(data)


def test_pdf_bilagor_are_embedded_in_the_archive(make_utlatande, media):
    from django.core.files.base import ContentFile

    beslutad = make_utlatande(state=State.BESLUTAD)
    pdf_bilaga = Bilaga(utlatande=beslutad, order=1, title="Stadsledningskontorets "
                        "tjänsteutlåtande", content_type=PDF)
    pdf_bilaga.file.save("slk.pdf", ContentFile(render_pdf(beslutad)), save=True)
    Bilaga.objects.create(utlatande=beslutad, order=2, title="Statistik", content_type="")
    # Bilagor are locked with the document, so they are added before justering.
    Utlatande.objects.filter(pk=beslutad.pk).update(state=State.JUSTERAD)
    justerad = Utlatande.objects.get(pk=beslutad.pk)
    data = render_pdf(justerad, archival=True)
    reader = PdfReader(io.BytesIO(data))
    assert list(reader.attachments) == [
        "bilaga-1-stadsledningskontorets-tjansteutlatande.pdf"]
    text = pdf_text(data)
    assert "Bilagor" in text and "1. Stadsledningskontorets tjänsteutlåtande" in text
    assert "2. Statistik" in text


def test_archive_once_and_sha256_matches_the_stored_bytes(justerad):
    archived = archive_final_pdf(justerad)
    assert archived.archived_at is not None
    stored = archived.archived_pdf.read()
    archived.archived_pdf.close()
    assert hashlib.sha256(stored).hexdigest() == archived.archived_sha256
    assert verify_archived(archived)
    # A second call, even when the content would render differently, keeps the archive.
    changed = Utlatande.objects.get(pk=justerad.pk)
    changed.title, changed.version = "Ändrad rubrik", 7
    again = archive_final_pdf(changed)
    assert again.archived_sha256 == archived.archived_sha256
    assert again.archived_pdf.name == archived.archived_pdf.name


def test_drafts_are_not_archived(make_utlatande, media):
    with pytest.raises(ValueError):
        archive_final_pdf(make_utlatande(state=State.BESLUTAD))


def test_justering_signal_archives(justerad, users, eager_celery,
                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        utlatande_transitioned.send(sender=Utlatande, utlatande=justerad,
                                    from_state=State.BESLUTAD, to_state=State.JUSTERAD,
                                    by=users["sekreterare"], record=None)
    justerad.refresh_from_db()
    assert len(justerad.archived_sha256) == 64
    assert verify_archived(justerad)


def test_other_transitions_do_not_archive(make_utlatande, users, eager_celery, media,
                                          django_capture_on_commit_callbacks):
    utlatande = make_utlatande(state=State.BESLUTAD)
    with django_capture_on_commit_callbacks(execute=True):
        utlatande_transitioned.send(sender=Utlatande, utlatande=utlatande,
                                    from_state=State.KLAR_FOR_NAMND, to_state=State.BESLUTAD,
                                    by=users["sekreterare"], record=None)
    utlatande.refresh_from_db()
    assert utlatande.archived_sha256 == ""
