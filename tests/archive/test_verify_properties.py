"""Verifiera never fails on a damaged file: any one changed byte in the signed ranges is
reported (never as valid, never as an error page), and a truncated file never passes as the
complete document: at most as the earlier revision it then is, with one signature."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from weasyprint import HTML

from archive.signers import SignatureRequest, get_signer
from archive.verification import verify_pdf
from tests.hypothesis_profiles import examples

_signed = {}


@pytest.fixture
def signed_pdf(signing):
    if "data" not in _signed:
        pdf = HTML(string="<h1>Protokollsutdrag</h1><p>§ 41 Justerat</p>").write_pdf(
            pdf_variant="pdf/a-3u")
        signer = get_signer()
        for number, name in enumerate(["Ulla Ek", "Per Berg"], start=1):
            pdf = signer.sign(pdf, SignatureRequest(f"Justering{number}", name, "Justerare",
                                                    "Justerare: justering"))
        _signed["data"] = pdf
    assert verify_pdf(_signed["data"]).ok
    return _signed["data"]


def _signed_ranges(data: bytes) -> list[tuple[int, int]]:
    """The byte ranges the last signature covers (everything but its /Contents hex)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    last = PdfFileReader(io.BytesIO(data)).embedded_signatures[-1]
    ranges = list(last.sig_object["/ByteRange"])
    return [(ranges[0], ranges[0] + ranges[1]), (ranges[2], ranges[2] + ranges[3])]


def test_any_changed_byte_in_the_signed_ranges_is_reported(signed_pdf):
    ranges = _signed_ranges(signed_pdf)

    @examples(40)
    @given(st.integers(min_value=0, max_value=sum(end - start for start, end in ranges) - 1),
           st.integers(min_value=1, max_value=255))
    def check(offset, mask):
        start, end = ranges[0]
        position = start + offset if offset < end - start else \
            ranges[1][0] + offset - (end - start)
        data = bytearray(signed_pdf)
        data[position] ^= mask
        report = verify_pdf(bytes(data))
        assert not report.ok

    check()


def test_a_truncated_file_never_passes_as_the_whole_document(signed_pdf):
    @examples(20)
    @given(st.integers(min_value=0, max_value=len(signed_pdf) - 1))
    def check(length):
        report = verify_pdf(signed_pdf[:length])
        assert not (report.ok and len(report.signatures) == 2)
        if report.ok:
            assert [s.signer_name for s in report.signatures] == ["Ulla Ek"]

    check()


def test_the_first_revision_alone_is_the_document_as_the_first_justerare_signed_it(signed_pdf):
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    first = PdfFileReader(io.BytesIO(signed_pdf)).embedded_signatures[0]
    start, length = list(first.sig_object["/ByteRange"])[2:]
    report = verify_pdf(signed_pdf[:start + length])
    assert report.ok and [s.signer_name for s in report.signatures] == ["Ulla Ek"]
