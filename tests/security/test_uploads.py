"""remiss/uploads.py: the content decides, hostile files are refused with a Swedish message."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from openpyxl import Workbook

from remiss import uploads
from remiss.uploads import DOCX, ODT, PDF, PNG, TEXT, XLSX, validate_upload

from .files import PNG_BYTES, lie_about_sizes, object_stream, office_zip, pdf, upload


def _code(file, **kwargs) -> str:
    with pytest.raises(ValidationError) as raised:
        validate_upload(file, **kwargs)
    assert raised.value.messages[0].strip()
    return raised.value.code


def _real_docx() -> bytes:
    document = Document()
    document.add_heading("Tjänsteutlåtande", 1)
    document.add_paragraph("Förvaltningen ställer sig positiv till programmet.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _real_xlsx() -> bytes:
    book = Workbook()
    book.active["A1"] = "Remissinstans"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("svar.pdf", pdf(), PDF),
    ("svar.docx", _real_docx(), DOCX),
    ("lista.xlsx", _real_xlsx(), XLSX),
    ("svar.odt", office_zip("odt"), ODT),
    ("bild.png", PNG_BYTES, PNG),
])
def test_ordinary_documents_are_accepted_by_content(name, data, expected):
    assert validate_upload(upload(name, data)) == expected


def test_the_name_does_not_decide_the_type():
    # A real PDF with a misleading name is still a PDF ...
    assert validate_upload(upload("bild.png", pdf())) == PDF
    # ... and the right extension does not make other content acceptable.
    assert _code(upload("svar.pdf", b"<html><script>alert(1)</script></html>")) == "bad_type"
    assert _code(upload("svar.docx", b"MZ\x90\x00\x03" + b"\x00" * 200)) == "bad_type"
    assert _code(upload("svar.docx", office_zip("other", {"a.txt": b"x"}))) == "bad_type"
    assert _code(upload("bild.jpg", b"GIF89a" + b"\x00" * 50)) == "bad_type"


def test_text_only_where_allowed():
    assert _code(upload("lista.pdf", b"Remiss;KS 2021/866\n")) == "bad_type"
    assert validate_upload(upload("lista.csv", "Remiss;åäö\n".encode()),
                           allowed=(TEXT,)) == TEXT


def test_oversize_and_empty_files_are_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    assert _code(upload("stor.pdf", pdf() + b"%" * 2048)) == "too_large"
    assert _code(upload("tom.pdf", b"")) == "empty"


def test_the_size_limit_is_in_the_message(settings):
    settings.UPLOAD_MAX_BYTES = 3 * 1024 * 1024
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload("stor.pdf", b"%PDF-" + b"0" * (3 * 1024 * 1024)))
    assert "3 MB" in raised.value.messages[0]


@pytest.mark.parametrize("hostile", [
    b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>",
    b"<< /OpenAction << /S /Launch /F (cmd.exe) >> >>",
    b"<< /Type /Action /S /J#61va#53cript /J#53 (app.alert(1)) >>",  # #xx-escaped names
    b"<< /Names << /EmbeddedFiles << /Names [(a.exe) 9 0 R] >> >> >>",
    b"<< /AA << /O << /S /SubmitForm /F (http://evil) >> >> >>",
])
def test_pdf_with_javascript_or_actions_is_refused(hostile):
    assert _code(upload("svar.pdf", pdf(hostile))) == "pdf_active"


def test_pdf_with_javascript_hidden_in_a_compressed_object_stream_is_refused():
    hidden = object_stream(b"5 0 << /S /JavaScript /JS (app.alert(1)) >>")
    assert b"JavaScript" not in pdf(hidden)
    assert _code(upload("svar.pdf", pdf(hidden))) == "pdf_active"


def test_harmless_names_that_start_like_active_ones_are_fine():
    # /JSON, /AAA or a link (/URI) are not scripts; only whole names count.
    links = b"<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://stockholm.se) >> >>"
    assert validate_upload(upload("svar.pdf", pdf(b"<< /JSON 1 /AAA 2 >>", links))) == PDF


def test_zip_bomb_is_refused():
    bomb = office_zip("docx", {"word/media/noll.bin": b"\x00" * (30 * 1024 * 1024)})
    assert len(bomb) < 200_000
    assert _code(upload("svar.docx", bomb)) == "zip_bomb"


def test_zip_bomb_that_lies_about_its_size_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1024 * 1024)
    crafted = lie_about_sizes(office_zip("docx", {"word/media/noll.bin": b"\x00" * 4_000_000}))
    assert _code(upload("svar.docx", crafted)) in {"zip_bomb", "corrupt"}


def test_real_decompression_is_capped(monkeypatch):
    """Headers that claim little but members that inflate to more than the budget."""
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1024 * 1024)
    monkeypatch.setattr(uploads, "MAX_RATIO", 10**9)
    data = office_zip("docx", {"word/media/a.bin": b"\x00" * 2_000_000})
    assert _code(upload("svar.docx", data)) == "zip_bomb"


def test_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_MEMBERS", 10)
    data = office_zip("docx", {f"word/x{n}.xml": b"<x/>" for n in range(20)})
    assert _code(upload("svar.docx", data)) == "zip_bomb"


@pytest.mark.parametrize("member", ["word/vbaProject.bin", "xl/vbaProject.bin"])
def test_office_documents_with_macros_are_refused(member):
    kind = "docx" if member.startswith("word") else "xlsx"
    assert _code(upload(f"svar.{kind}", office_zip(kind, {member: b"VBA"}))) == "macros"


def test_odt_with_basic_macros_is_refused():
    data = office_zip("odt", {"Basic/Standard/Module1.xml": b"<script:module/>"})
    assert _code(upload("svar.odt", data)) == "macros"


def test_the_file_can_be_read_again_after_checking():
    file = upload("svar.docx", _real_docx())
    validate_upload(file)
    assert file.read(4) == b"PK\x03\x04"
