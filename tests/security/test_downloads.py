"""remiss/downloads.py and remiss/storage.py: files only as attachments, from outside the web
root, under unguessable paths."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404

from remiss.downloads import attachment_response
from remiss.uploads import PDF

from .files import pdf


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored(media):
    from django.db.models.fields.files import FieldFile

    from responses.models import Bilaga

    name = default_storage.save("bilagor/2026/svar.pdf", ContentFile(pdf()))
    field = Bilaga._meta.get_field("file")
    return FieldFile(None, field, name)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_pdf_is_sent_as_attachment_with_its_type(stored):
    response = attachment_response(stored, "Bilaga 1 Remissvar", PDF)
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Bilaga 1 Remissvar.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert _body(response).startswith(b"%PDF-")


@pytest.mark.parametrize("dangerous", ["text/html", "image/svg+xml", "application/xhtml+xml",
                                       "text/javascript", ""])
def test_types_that_could_run_in_a_browser_go_out_as_bytes(stored, dangerous):
    response = attachment_response(stored, "x", dangerous)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_file_name_cannot_inject_headers_or_paths(stored):
    response = attachment_response(stored, "../../etc/passwd\r\nSet-Cookie: a=b", PDF)
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert "/" not in disposition.split("filename", 1)[1]
    assert not response.has_header("Set-Cookie")


def test_unicode_names_are_kept(stored):
    response = attachment_response(stored, "Yttrande från Kulturförvaltningen", PDF)
    assert "filename*=utf-8''Yttrande%20fr%C3%A5n%20Kulturf%C3%B6rvaltningen.pdf" in (
        response["Content-Disposition"])


def test_missing_files_are_404(stored, media):
    (media / stored.name).unlink()
    with pytest.raises(Http404):
        attachment_response(stored, "x", PDF)
    from django.db.models.fields.files import FieldFile

    with pytest.raises(Http404):
        attachment_response(FieldFile(None, stored.field, ""), "x", PDF)


def test_stored_under_a_random_directory_outside_the_web_root(media, settings):
    first = default_storage.save("bilagor/2026/svar.pdf", ContentFile(b"%PDF-1"))
    second = default_storage.save("bilagor/2026/svar.pdf", ContentFile(b"%PDF-2"))
    assert first != second
    for name in (first, second):
        folder, random_part, basename = name.rsplit("/", 2)
        assert folder == "bilagor/2026" and basename == "svar.pdf"
        assert len(random_part) == 16 and int(random_part, 16) >= 0
        assert (media / name).is_file()
    assert (media / first).stat().st_mode & 0o007 == 0  # not readable by other users
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))


def test_path_traversal_in_upload_names_is_refused(media):
    from django.core.exceptions import SuspiciousFileOperation

    with pytest.raises(SuspiciousFileOperation):
        default_storage.save("bilagor/../../etc/passwd", ContentFile(b"x"))


@pytest.mark.django_db
def test_media_is_not_served_by_url(client, users, stored):
    client.force_login(users["admin"])
    for url in (f"/media/{stored.name}", f"/static/../media/{stored.name}"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"%PDF" not in response.content
