"""The URL fetcher: own static files and logos only, never the network or other files."""

import io
import socket
import urllib.request

import pytest
from django.conf import settings
from pypdf import PdfReader

from responses.content import SectionKind, new_section
from responses.pdf.fetcher import RefusedURL, SafeURLFetcher, static_file_url
from responses.pdf.render import html_to_pdf, render_pdf

from .conftest import pdf_text


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket or a URL fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    return attempts


@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/",
    "https://example.org/logo.png",
    "ftp://example.org/x",
    "file:///etc/passwd",
    "file://otherhost/etc/passwd",
])
def test_refuses_outside_urls_without_trying(no_network, url):
    fetcher = SafeURLFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert no_network == []


def test_refuses_media_outside_logos(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "bilagor").mkdir()
    secret = tmp_path / "bilagor" / "hemlig.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    (tmp_path / "logos").mkdir()
    logo = tmp_path / "logos" / "kun.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    fetcher = SafeURLFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch(secret.as_uri())
    with pytest.raises(RefusedURL):  # no climbing out of an allowed folder
        fetcher.fetch((tmp_path / "logos").as_uri() + "/../bilagor/hemlig.pdf")
    assert fetcher.fetch(logo.as_uri()).read().startswith(b"\x89PNG")
    assert SafeURLFetcher(extra_files=[secret]).fetch(secret.as_uri()).read().startswith(b"%PDF")


def test_serves_static_files_and_data_urls():
    fetcher = SafeURLFetcher()
    css = fetcher.fetch(static_file_url("css/pdf.css"))
    assert b"@font-face" in css.read()
    assert fetcher.fetch("data:text/plain,hej").read() == b"hej"
    assert str(settings.BASE_DIR) in static_file_url("fonts/LiberationSerif-Regular.ttf")


def test_hostile_html_renders_without_fetching(no_network):
    html = (
        '<html lang="sv"><head><link rel="stylesheet" href="http://evil.example/x.css">'
        '<style>@import url("http://evil.example/i.css"); body{background:url(file:///etc/passwd)}'
        "</style></head><body><p>Hej</p>"
        '<img src="http://evil.example/a.png"><img src="file:///etc/hostname">'
        '<a rel="attachment" href="file:///etc/passwd">passwd</a></body></html>'
    )
    fetcher = SafeURLFetcher()
    data = html_to_pdf(html, fetcher=fetcher)
    assert no_network == []
    assert b"root:" not in data
    assert b"/EmbeddedFile" not in data  # the rel=attachment link embedded nothing
    assert "http://evil.example/x.css" in fetcher.refused
    assert "file:///etc/passwd" in fetcher.refused


def test_user_text_with_tricks_still_renders(make_utlatande, no_network):
    nasty = ('<p>Se <a rel="attachment" href="file:///etc/passwd">bilaga</a> '
             '<img src="http://evil.example/x.png"> och Łódź, Ærø ‰ 𝔘 😀</p>'
             '<link rel="stylesheet" href="http://evil.example/s.css">'
             '<style>@import "http://evil.example/";</style>')
    utlatande = make_utlatande(sections=[
        new_section(SectionKind.SYNPUNKTER, "Förvaltningens synpunkter", nasty),
        new_section(SectionKind.EXTRA, "Tomt avsnitt", ""),
    ])
    data = render_pdf(utlatande)
    assert no_network == []
    assert b"/EmbeddedFile" not in data
    text = pdf_text(data)
    assert "Tomt avsnitt" in text
    assert "Se bilaga och Łódź, Ærø ‰" in text


def test_characters_no_font_has_still_render(make_utlatande):
    utlatande = make_utlatande(sections=[
        new_section(SectionKind.EXTRA, "Övrigt", "<p>漢字 ☃ ᚠ</p>")])
    data = render_pdf(utlatande)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
