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


def pdf_with_object_stream(member: bytes, *, stream_dict: bytes = b"/Type /ObjStm",
                           encoding: str = "flate",
                           catalog_extra: bytes = b" /OpenAction 5 0 R") -> bytes:
    """A PDF 1.5 whose catalog (object 1) and object 5 (`member`) live compressed in
    object stream 4, listed by a cross-reference stream as viewers read it: nothing of
    either is visible in the file's bytes."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>"
    header = b"1 0 5 %d " % (len(catalog) + 1)
    header += b" " * (16 - len(header))
    content = header + catalog + b" " + member
    if encoding == "flate":
        packed, filters = zlib.compress(content), b"/Filter /FlateDecode"
    elif encoding == "hex":
        packed, filters = content.hex().encode() + b">", b"/Filter /ASCIIHexDecode"
    else:
        packed, filters = content, b""
    body = {
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        4: b"<< " + stream_dict + b" /N 2 /First %d " % len(header) + filters
           + b" /Length %d >>\nstream\n" % len(packed) + packed + b"\nendstream",
    }
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, obj in body.items():
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    offsets[6] = out.tell()
    in_stream = {1: 0, 5: 1}
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    for number in range(1, 7):
        if number in in_stream:
            rows.append(b"\x02" + (4).to_bytes(4, "big") + in_stream[number].to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    table = b"".join(rows)
    out.write(b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\n"
              b"stream\n" % len(table) + table + b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[6])
    return out.getvalue()
