"""Upload checks shared by every form that takes a file (bilagor, remitted documents, imports).

The content decides the type, never the file name: a file is accepted only when its bytes
match one of the allowed formats, it is within UPLOAD_MAX_BYTES, an Office/ODF container is
a sane zip (no zip bomb, no macros) and a PDF, parsed object by object (remiss/pdfscan.py),
carries no JavaScript, auto-run actions or embedded files.
"""

import re
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .pdfscan import ActiveContent, Unreadable, scan_pdf

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain"

BILAGA_TYPES = (PDF, DOCX, XLSX, ODT, PNG, JPEG)
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", ODT: ".odt", PNG: ".png",
              JPEG: ".jpg", TEXT: ".txt"}
LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", XLSX: "Excel (XLSX)", ODT: "OpenDocument (ODT)",
          PNG: "PNG", JPEG: "JPEG", TEXT: _("text")}

# A container whose members unpack to more than this, or compress better than this ratio,
# is treated as a zip bomb. The sizes in a zip's directory are the sender's claim, so the
# members are also really decompressed, under the same budget.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 5000
# Office/ODF members that carry macros: a document with them is not an ordinary document.
MACRO_MEMBERS = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^(Basic|Scripts)/",
                           re.IGNORECASE)
def _zip_bomb() -> ValidationError:
    return ValidationError(_("Filen packas upp till orimligt mycket data och avvisas."),
                           code="zip_bomb")


def _check_members(archive: zipfile.ZipFile, infos) -> None:
    """Decompress every member for real, stopping as soon as the budget is spent."""
    budget = MAX_UNPACKED_BYTES
    for info in infos:
        try:
            with archive.open(info) as member:
                while chunk := member.read(1024 * 1024):
                    budget -= len(chunk)
                    if budget < 0:
                        raise _zip_bomb()
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
                zlib.error) as error:
            raise ValidationError(_("Filen är skadad och kan inte läsas."),
                                  code="corrupt") from error
    packed = sum(i.compress_size for i in infos) or 1
    if (MAX_UNPACKED_BYTES - budget) / packed > MAX_RATIO:
        raise _zip_bomb()


def _zip_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _zip_bomb()
            unpacked = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
                raise _zip_bomb()
            names = {i.filename for i in infos}
            if "word/document.xml" in names:
                kind = DOCX
            elif "xl/workbook.xml" in names:
                kind = XLSX
            elif "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                kind = ODT
            else:
                return None
            if any(MACRO_MEMBERS.search(name) for name in names):
                raise ValidationError(_("Dokumentet innehåller makron och kan inte tas emot. "
                                        "Spara det utan makron och försök igen."),
                                      code="macros")
            _check_members(archive, infos)
            return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError):
        return None
    finally:
        upload.seek(0)


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine.
        if error.start < len(head) - 3:
            return False
    return b"\x00" not in head


def detect_type(upload) -> str | None:
    """The content type by magic bytes (and zip structure), or None when unknown."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(upload)
    if head and _is_text(head):
        return TEXT
    return None


def _check_pdf(upload) -> None:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        scan_pdf(data)
    except ActiveContent as found:
        raise ValidationError(_("PDF-filen innehåller skript, bifogade filer eller automatiska "
                                "åtgärder och kan inte tas emot. Skriv ut den till en ny PDF "
                                "och försök igen."), code="pdf_active") from found
    except Unreadable as error:
        raise ValidationError(_("PDF-filen är skadad eller går inte att läsa, och kan därför "
                                "inte kontrolleras. Spara eller skriv ut den till en ny PDF och "
                                "försök igen."), code="pdf_unreadable") from error


def validate_upload(upload, allowed=BILAGA_TYPES) -> str:
    """Check an uploaded file; return its real content type or raise ValidationError."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        raise ValidationError(_("Filen är för stor. Största tillåtna storlek är %(mb)s MB.")
                              % {"mb": limit}, code="too_large")
    if upload.size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    content_type = detect_type(upload)
    if content_type not in allowed:
        names = ", ".join(str(LABELS[t]) for t in allowed)
        raise ValidationError(_("Filtypen stöds inte. Tillåtna filtyper: %(types)s.")
                              % {"types": names}, code="bad_type")
    if content_type == PDF:
        _check_pdf(upload)
    return content_type
