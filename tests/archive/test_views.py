"""Verifiera pages and the protokollsutdrag download of the signed bytes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import SignedDocument

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(justerad):
    return SignedDocument.objects.get(arende=justerad)


def _upload(client, data, name="utdrag.pdf"):
    return client.post(reverse("archive:verify_upload"),
                       {"file": SimpleUploadedFile(name, data, "application/pdf")})


def test_the_download_is_the_signed_document_of_record(client, users, document):
    client.login(username="handlaggare.rinkeby", password=PASSWORD)  # decided: public
    response = client.get(reverse("meetings:utdrag_pdf", args=[document.arende_id]))
    assert response.content == document.read()
    page = client.get(reverse("meetings:utdrag", args=[document.arende_id])).content.decode()
    assert document.get_absolute_url() in page and "Verifiera underskrifterna" in page


def test_verify_page_shows_both_signers_and_the_stored_digest(client, users, document):
    client.login(username="handlaggare.kultur", password=PASSWORD)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Oförändrad" in html and "2 underskrifter" in html
    assert "Ulla Ek" in html and "Per Berg" in html and "betrodd" in html
    assert document.sha256 in html and "har samma SHA-256" in html


def test_a_stored_file_changed_on_disk_is_flagged(client, users, document):
    data = bytearray(document.read())
    data[data.index(b"stream") + 200] ^= 0x01
    with open(document.pdf.path, "wb") as handle:
        handle.write(bytes(data))
    client.login(username="handlaggare.kultur", password=PASSWORD)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Ändrad: dokumentet har ändrats efter att det signerades." in html
    assert "Varning: den lagrade filen har inte den SHA-256" in html


def test_upload_a_copy_unchanged_and_with_one_byte_changed(client, users, document):
    client.login(username="slk", password=PASSWORD)
    assert "Oförändrad" in _upload(client, document.read()).content.decode()
    data = bytearray(document.read())
    data[data.index(b"stream") + 200] ^= 0x01
    html = _upload(client, bytes(data), "kopia.pdf").content.decode()
    assert "Ändrad" in html and "Resultat för kopia.pdf" in html


def test_upload_refuses_what_is_not_a_pdf(client, users):
    client.login(username="slk", password=PASSWORD)
    response = _upload(client, b"hej", "brev.txt")
    assert response.status_code == 400
    assert "Filen är inte en PDF." in response.content.decode()


def test_verifiera_needs_a_login(client, document):
    response = client.get(document.get_absolute_url())
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_the_remiss_page_offers_administrators_the_export(client, users, document):
    remiss = document.arende.utlatande.links.get().recipient.remiss
    client.login(username="admin", password=PASSWORD)
    html = client.get(remiss.get_absolute_url()).content.decode()
    link = reverse("archive:earkiv") + "?ks_dnr=KS%202026/1350"
    assert link in html
    assert 'value="KS 2026/1350"' in client.get(link).content.decode()
    client.login(username="slk", password=PASSWORD)
    assert reverse("archive:earkiv") not in client.get(remiss.get_absolute_url()).content.decode()


def test_the_export_page_shows_a_batch_s_progress(client, users):
    from archive.models import EarkivExport, ExportStatus

    EarkivExport.objects.create(year=2025, total=4, done=1, status=ExportStatus.PAGAR)
    client.login(username="admin", password=PASSWORD)
    html = client.get(reverse("archive:earkiv")).content.decode()
    assert 'progress max="4" value="1"' in html and "Pågår" in html and "1/4" in html
