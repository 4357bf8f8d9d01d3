"""Builders for hostile and harmless files used by the upload and download tests."""

import io
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def pdf(*objects: bytes) -> bytes:
    """A small but well-formed PDF; extra objects are added as given (numbered from 4)."""
    body = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", *objects]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(body) + 1, xref))
    return out.getvalue()


def object_stream(content: bytes) -> bytes:
    packed = zlib.compress(content)
    return (b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
            % len(packed) + packed + b"\nendstream")


def office_zip(kind: str = "docx", extra: dict[str, bytes] | None = None) -> bytes:
    members = {"[Content_Types].xml": b"<Types/>"}
    if kind == "docx":
        members["word/document.xml"] = b"<w:document>Hej</w:document>"
    elif kind == "xlsx":
        members["xl/workbook.xml"] = b"<workbook/>"
    elif kind == "odt":
        members = {"mimetype": b"application/vnd.oasis.opendocument.text",
                   "content.xml": b"<office:document-content/>"}
    members.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def lie_about_sizes(data: bytes, claimed: int = 10) -> bytes:
    """Rewrite every uncompressed size in a zip's headers, as a crafted bomb would."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset:start + offset + 4] = claimed.to_bytes(4, "little")
            start += 4
    return bytes(data)


PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
             b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe"
             b"\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
