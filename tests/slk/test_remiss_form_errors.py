"""The remiss form shows every error at once in a summary at the top, and keeps what the
user entered, chosen files included: they need not be picked again."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs.kept_uploads import kept_files, prune_kept_uploads
from programs.models import Remiss
from tests.security.files import pdf

# A PDF that parses: remiss.uploads refuses one it cannot read.
PDF_BYTES = pdf()


@pytest.fixture(autouse=True)
def setting(time_machine, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to(datetime.datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Europe/Stockholm")),
                         tick=False)


def _form(**extra):
    return {"title": "Riktlinjer för lokalförsörjning", "ks_dnr": "KS 2026/1600",
            "remiss_date": "2026-12-02", "deadline": "2027-03-01", **extra}


def _tokens(body):
    return re.findall(r'name="kept_document" value="([^"]+)"', body)


def test_date_and_file_errors_show_together_and_good_files_are_kept(slk_client, orgs):
    response = slk_client.post(reverse("programs:remiss_create"), {
        **_form(remiss_date="2026-09-01", deadline="2026-10-15",
                organisations=[orgs["kun"].pk]),
        "documents": [SimpleUploadedFile("Program.pdf", PDF_BYTES, "application/pdf"),
                      SimpleUploadedFile("virus.pdf", b"MZ not a pdf", "application/pdf")]})
    body = response.content.decode()
    summary = body[body.index('class="error-summary"'):body.index("</ul>",
                                                                  body.index("error-summary"))]
    assert 'href="#id_deadline"' in summary and 'href="#id_documents"' in summary
    assert "har redan passerat" in summary and "virus.pdf: Filtypen stöds inte" in summary
    # What was typed and the acceptable file are kept.
    assert 'value="Riktlinjer för lokalförsörjning"' in body
    assert "Valda filer som behålls" in body and "Program.pdf" in body
    tokens = _tokens(body)
    assert len(tokens) == 1 and not Remiss.objects.exists()

    response = slk_client.post(reverse("programs:remiss_create"), {
        **_form(organisations=[orgs["kun"].pk]), "kept_document": tokens})
    remiss = Remiss.objects.get(ks_dnr="KS 2026/1600")
    assert response.status_code == 302
    document = remiss.documents.get()
    assert document.title == "Program" and document.size == len(PDF_BYTES)
    with document.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES


def test_a_kept_file_belongs_to_its_user(slk_client, client_for, users, make_user, orgs):
    body = slk_client.post(reverse("programs:remiss_create"), {
        **_form(deadline="2026-10-15"),
        "documents": [SimpleUploadedFile("Program.pdf", PDF_BYTES, "application/pdf")]}
    ).content.decode()
    tokens = _tokens(body)
    assert kept_files(tokens, users["slk"]) and not kept_files(tokens, users["admin"])
    assert kept_files(["forged"], users["slk"]) == []


def test_abandoned_kept_files_are_pruned(slk_client, time_machine):
    slk_client.post(reverse("programs:remiss_create"), {
        **_form(deadline="2026-10-15"),
        "documents": [SimpleUploadedFile("Program.pdf", PDF_BYTES, "application/pdf")]})
    assert prune_kept_uploads() == 0
    time_machine.move_to(datetime.datetime(2026, 12, 4, 9, tzinfo=ZoneInfo("Europe/Stockholm")),
                         tick=False)
    assert prune_kept_uploads() == 1
    assert default_storage.listdir("kept-uploads") == ([], [])
