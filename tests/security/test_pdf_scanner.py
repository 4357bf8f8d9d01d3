"""The PDF active-content check parses the file (pypdf): scripts hidden in object streams
with an unusual dictionary or a hex filter are found, an unparseable PDF is refused, and
ordinary PDFs (with a harmless open-at-page action) still pass."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from remiss.uploads import PDF, validate_upload

from .files import pdf, pdf_with_object_stream, upload

SCRIPT = b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"


def _code(data: bytes) -> str | None:
    try:
        validate_upload(upload("bilaga.pdf", data))
    except ValidationError as error:
        return error.code
    return None


@pytest.mark.parametrize("stream_dict", [b"/Xobj 1 /Type /ObjStm", b"/Type /ObjStm /Xobj 1"])
def test_catalog_openaction_to_javascript_in_an_object_stream_with_xobj(stream_dict):
    data = pdf_with_object_stream(SCRIPT, stream_dict=stream_dict)
    assert b"JavaScript" not in data and b"OpenAction" not in data
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/OpenAction"]["/S"] == "/JavaScript"
    assert _code(data) == "pdf_active"


def test_javascript_in_an_ascii_hex_encoded_object_stream():
    data = pdf_with_object_stream(SCRIPT, encoding="hex")
    assert b"JavaScript" not in data and b"OpenAction" not in data
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/OpenAction"]["/S"] == "/JavaScript"
    assert _code(data) == "pdf_active"


@pytest.mark.parametrize("member", [
    b"<< /S /Launch /F (cmd.exe) >>",
    b"<< /S /URI /URI (https://example.com) >>",  # opens a web page by itself on open
    b"<< /Type /EmbeddedFile /Length 0 >>",
    b"<< /Type /Annot /Subtype /RichMedia >>",
    b"<< /Fields [] /XFA 9 0 R >>",
    b"<< /S /GoTo /D [3 0 R /Fit] /Next << /S /J#61vaScript /JS (x) >> >>",
])
def test_other_active_content_in_object_streams(member):
    assert _code(pdf_with_object_stream(member)) == "pdf_active"


def test_additional_actions_that_run_code_are_refused():
    page_aa = pdf(b"<< /AA << /O << /S /Named /N /Print >> >> >>")
    assert _code(page_aa) == "pdf_active"


def test_unparseable_pdf_is_refused_not_waved_through():
    assert _code(b"%PDF-1.7\n" + b"\x00garbage" * 100) == "pdf_unreadable"


def test_clean_pdfs_pass():
    assert validate_upload(upload("ren.pdf", pdf())) == PDF
    # Opening at page 1 (a destination or a GoTo) is what Word's exports do: fine.
    go_to = pdf_with_object_stream(b"<< /S /GoTo /D [3 0 R /Fit] >>")
    assert validate_upload(upload("ren.pdf", go_to)) == PDF
    plain = pdf_with_object_stream(b"<< /Title (Tjansteutlatande) >>", encoding="hex",
                                   catalog_extra=b" /Info 5 0 R")
    assert validate_upload(upload("ren.pdf", plain)) == PDF


def test_a_pdf_rendered_by_weasyprint_passes():
    from weasyprint import HTML

    data = HTML(string="<h1>Tjänsteutlåtande</h1><p><a href='#x'>Länk</a></p>"
                       "<p id='x'>Text</p>").write_pdf()
    assert validate_upload(upload("utlatande.pdf", data)) == PDF
