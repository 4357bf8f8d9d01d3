"""Bilagor: content-checked upload, reorder, remove, permission-checked download."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from responses import workflow
from responses.models import Bilaga
from tests.conftest import PASSWORD

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture
def as_a(client, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.login(username=users["handlaggare_a"].username, password=PASSWORD)
    return client


def upload(client, draft, name, content, title="Bilaga"):
    return client.post(reverse("responses:bilaga_upload", args=[draft.pk]), {
        "bilaga-title": title, "bilaga-file": SimpleUploadedFile(name, content)})


def test_upload_checks_the_content_not_the_name(as_a, draft):
    response = upload(as_a, draft, "rapport.pdf", b"MZ\x90\x00 this is an exe" * 10)
    assert response.status_code == 400
    assert "Filtypen stöds inte" in response.content.decode()
    assert not draft.bilagor.exists()
    response = upload(as_a, draft, "bild.txt", PNG, title="Karta")
    assert response.status_code == 302
    bilaga = draft.bilagor.get()
    assert bilaga.content_type == "image/png" and bilaga.size == len(PNG)


def test_oversized_upload_is_refused(as_a, draft, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    response = upload(as_a, draft, "stor.png", PNG + b"\x00" * 2048)
    assert response.status_code == 400
    assert "för stor" in response.content.decode()
    assert not draft.bilagor.exists()


def test_pdf_with_javascript_is_refused(as_a, draft):
    response = upload(as_a, draft, "x.pdf", b"%PDF-1.4\n1 0 obj << /JavaScript (app.alert(1)) >>")
    assert response.status_code == 400
    assert not draft.bilagor.exists()


def test_reorder_and_remove_renumber(as_a, draft):
    for title in ("Ett", "Två", "Tre"):
        upload(as_a, draft, f"{title}.png", PNG, title=title)
    two = draft.bilagor.get(title="Två")
    as_a.post(reverse("responses:bilaga_move", args=[draft.pk, two.pk]), {"direction": "up"})
    assert list(draft.bilagor.values_list("title", "order")) == [("Två", 1), ("Ett", 2),
                                                                 ("Tre", 3)]
    as_a.post(reverse("responses:bilaga_remove", args=[draft.pk, two.pk]))
    assert list(draft.bilagor.values_list("title", "order")) == [("Ett", 1), ("Tre", 2)]


def test_download_is_an_attachment_with_the_real_type(as_a, draft):
    upload(as_a, draft, "karta.png", PNG, title="Karta")
    bilaga = draft.bilagor.get()
    response = as_a.get(reverse("responses:bilaga_download", args=[draft.pk, bilaga.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PNG


def test_bilagor_cannot_change_after_utkast(as_a, draft, users):
    upload(as_a, draft, "karta.png", PNG, title="Karta")
    workflow.apply(draft, "skicka_till_granskning", users["handlaggare_a"])
    assert upload(as_a, draft, "ny.png", PNG).status_code == 403
    bilaga = draft.bilagor.get()
    response = as_a.post(reverse("responses:bilaga_remove", args=[draft.pk, bilaga.pk]))
    assert response.status_code == 403
    assert Bilaga.objects.filter(pk=bilaga.pk).exists()


def test_bilaga_of_another_document_is_404(as_a, draft, draft_b):
    other = draft_b.bilagor.create(order=1, title="B:s", file="bilagor/b.png")
    url = reverse("responses:bilaga_download", args=[draft.pk, other.pk])
    assert as_a.get(url).status_code == 404


