"""Bytes of an uploaded file → text the parser understands (plain text with # headings).

The content decides the format (remiss/uploads.py), never the file name. Every failure is
a ValidationError with a Swedish message and a stable code.
"""

import io
import re
from collections import Counter
from statistics import median

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from remiss.uploads import DOCX, PDF, TEXT, validate_upload

from .layout import join_lines

IMPORT_TYPES = (TEXT, DOCX, PDF)
MAX_PDF_PAGES = 100
MAX_TEXT_CHARS = 2_000_000


def detect_and_validate(data: bytes, filename: str = "") -> str:
    """The real content type of an import file, or a ValidationError."""
    upload = SimpleUploadedFile(filename or "import", data)
    try:
        return validate_upload(upload, allowed=IMPORT_TYPES)
    except ValidationError as error:
        # Text in cp1252 (older Word "Spara som text") is not UTF-8 but still text.
        if getattr(error, "code", "") == "bad_type" and (_is_legacy_text(data) or
                                                         _is_utf16_text(data)):
            return TEXT
        raise


def _is_utf16_text(data: bytes) -> bool:
    """Word's "Unicode text" export: UTF-16 with a byte order mark."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        return False
    return not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text)


def _is_legacy_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    letters = sum(1 for ch in text if ch.isalpha())
    return controls == 0 and letters > len(text) * 0.3


def read_document(data: bytes, filename: str = "") -> tuple[str, str]:
    """(text, content type) of an import file."""
    content_type = detect_and_validate(data, filename)
    if content_type == PDF:
        text = read_pdf(data)
    elif content_type == DOCX:
        text = read_docx(data)
    else:
        text = read_text(data)
    if not text.strip():
        raise ValidationError(_("Filen innehåller ingen text att importera."), code="no_text")
    return text, content_type


def read_text(data: bytes) -> str:
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ()
    for encoding in (*encodings, "utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost everything; validated before
        raise ValidationError(_("Textfilens teckenkodning känns inte igen. Spara den som "
                                "UTF-8 och försök igen."), code="encoding")
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(_("Texten är för lång för att vara ett tjänsteutlåtande."),
                              code="too_long")
    return text


# --- DOCX -------------------------------------------------------------------------------

def read_docx(data: bytes) -> str:
    """Paragraphs and tables in document order; Word headings and lists marked up."""
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several types for broken packages
        raise ValidationError(_("Word-filen är skadad och kan inte läsas."),
                              code="corrupt") from error
    out: list[str] = ["\n".join(_docx_page_header(document))]
    numbers: dict[str, int] = {}
    styles = {style.style_id: style.name for style in document.styles}
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(child, document)
            out.append(_docx_paragraph(paragraph, numbers, styles))
        elif child.tag == qn("w:tbl"):
            numbers.clear()
            out.append("\n".join(_docx_table_lines(docx.table.Table(child, document))))
    footer = _docx_page_header(document, footer=True)
    if footer:
        # The footer of some templates holds the only date: read it with the header.
        out.insert(0, "\n".join(footer))
    return "\n\n".join(out) + "\n"


def _docx_table_lines(table) -> list[str]:
    """A table row as lines of columns two spaces apart (signatures: names, then titles)."""
    rows = []
    for row in table.rows:
        columns: list[list[str]] = []
        for cell in row.cells:
            lines = [" ".join(part.split()) for p in cell.paragraphs
                     for part in p.text.replace("\v", "\n").split("\n") if part.strip()]
            if lines and lines not in columns:  # merged cells repeat their text
                columns.append(lines)
        if not columns:
            continue
        if all(len(c) == 1 for c in columns):
            rows.append("  ".join(c[0] for c in columns))  # two spaces: a column gap
            continue
        width = max(len(line) for line in columns[0]) + 4
        for i in range(max(len(c) for c in columns)):
            parts = [c[i] if i < len(c) else "" for c in columns]
            if parts[0]:
                rows.append((parts[0].ljust(width) + "  ".join(p for p in parts[1:] if p))
                            .rstrip())
            else:  # only a later column continues: indented under it
                rows.append(" " * width + "  ".join(p for p in parts[1:] if p))
    return rows


def _docx_page_header(document, footer: bool = False) -> list[str]:
    """The first page's header (or footer): Stockholm's Word templates put förvaltning, dnr
    and date there."""
    if not document.sections:
        return []
    section = document.sections[0]
    headers = [section.footer if footer else section.header]
    if section.different_first_page_header_footer:
        headers.insert(0, section.first_page_footer if footer else section.first_page_header)
    for header in headers:
        if header.is_linked_to_previous:
            continue
        lines = [_keep_gaps(p.text) for p in header.paragraphs]
        for table in header.tables:
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and text not in cells:
                        cells.append(text)
                lines.append("  ".join(cells))
        lines = [line for line in lines if line]
        if lines:
            return lines
    return []


def _keep_gaps(text: str) -> str:
    """One line with its column gaps (tabs, runs of spaces) as two spaces, as in tables."""
    return "  ".join(" ".join(part.split()) for part in re.split(r"\t| {2,}", text)
                     if part.strip())


def _numbering_format(paragraph) -> str | None:
    """Word's own list numbering on the paragraph: "decimal", "bullet"... or None."""
    p_pr = paragraph._p.pPr
    if p_pr is None or p_pr.numPr is None or p_pr.numPr.numId is None:
        return None
    try:
        num_id = p_pr.numPr.numId.val
        level = p_pr.numPr.ilvl.val if p_pr.numPr.ilvl is not None else 0
        numbering = paragraph.part.numbering_part.element
        abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
        formats = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]'
                                  f'/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val')
    except (KeyError, AttributeError, NotImplementedError, ValueError):
        return "bullet"
    return formats[0] if formats else "bullet"


def _docx_paragraph(paragraph, numbers: dict[str, int], styles: dict) -> str:
    text = paragraph.text.replace("\v", "\n").strip()
    # By id from a table built once: python-docx looks each style up anew (slow).
    style = styles.get(paragraph._p.style, "") or ""
    lower = style.lower()
    heading = re.match(r"(?:heading|rubrik)\s*(\d)", lower)
    if heading and text:
        numbers.clear()
        return "#" * (int(heading.group(1)) + 1) + " " + " ".join(text.split())
    if lower in ("title", "rubrik") and text:
        return "# " + " ".join(text.split())
    numbering = _numbering_format(paragraph)
    if text and ("list" in lower or "lista" in lower or numbering):
        if "number" in lower or "numrerad" in lower or numbering not in (None, "bullet"):
            numbers[style] = numbers.get(style, 0) + 1
            return f"{numbers[style]}. {text}"
        return f"- {text}"
    numbers.clear()
    return text


# --- PDF --------------------------------------------------------------------------------

def read_pdf(data: bytes) -> str:
    """Text boxes in reading order; larger or bold lines become # headings, pages \\f."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("PDF-filen är krypterad eller lösenordsskyddad. Spara en "
                                    "olåst kopia och försök igen."), code="encrypted")
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ValidationError(_("PDF-filen är skadad och kan inte läsas."),
                              code="corrupt") from error
    if pages > MAX_PDF_PAGES:
        raise ValidationError(
            _("PDF-filen har %(pages)s sidor. Högst %(max)s sidor kan importeras; ett "
              "tjänsteutlåtande är sällan längre än tio.") % {"pages": pages,
                                                              "max": MAX_PDF_PAGES},
            code="too_many_pages")
    lines: list[tuple[int, int, str, float, bool]] = []  # page, box, text, size, bold
    try:
        for page_no, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
            for box_no, element in enumerate(_reading_order(page)):
                if not isinstance(element, LTTextContainer):
                    continue
                for line in element:
                    if not isinstance(line, LTTextLine):
                        continue
                    chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                    text = line.get_text().rstrip("\n")
                    if not chars or not text.strip():
                        continue
                    size = median(round(c.size, 1) for c in chars)
                    bold = all(re.search(r"bold|black|heavy|semibold", c.fontname, re.I)
                               for c in chars)
                    lines.append((page_no, box_no, text, size, bold))
    except (PDFEncryptionError, PDFPasswordIncorrect) as error:
        raise ValidationError(_("PDF-filen är krypterad eller lösenordsskyddad. Spara en "
                                "olåst kopia och försök igen."), code="encrypted") from error
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError) as error:
        raise ValidationError(_("PDF-filen är skadad och kan inte läsas."),
                              code="corrupt") from error
    if not lines:
        raise ValidationError(_("PDF-filen innehåller ingen text. Är den inskannad? Den "
                                "behöver tolkas med OCR innan den kan importeras."),
                              code="no_text")
    return _pdf_lines_to_text(lines)


def _reading_order(page) -> list:
    """Text boxes top to bottom, and left to right where they start level: side-by-side
    boxes (two signatures, header cells) read in a row, not after what lies below them."""
    boxes = list(page)
    return sorted(boxes, key=lambda b: (-round(b.y1 / ROW_TOLERANCE), b.x0))


# Boxes whose tops lie within this many points start on the same row.
ROW_TOLERANCE = 4
LIST_MARKER_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|[•▪◦●\u2010\u2013-])\s*$")


def _pdf_lines_to_text(lines) -> str:
    weights = Counter()
    for _page, _box, text, size, _bold in lines:
        weights[size] += len(text)
    body = weights.most_common(1)[0][0]
    out: list[str] = []
    previous = None  # (page, box, heading marker)
    marker_only = ""  # a list marker laid out in a box of its own ("1." then the item)
    for page, box, text, size, bold in lines:
        if LIST_MARKER_RE.match(text):
            marker_only = text.strip() + " "
            continue
        if marker_only:
            text, marker_only = marker_only + text.lstrip(), ""
        words = len(text.split())
        marker = ""
        if size >= body * 1.15 and words <= 20:
            marker = "#" if size >= body * 1.6 else "##"
        elif bold and words <= 12:
            marker = "###"
        flat = " ".join(text.split())
        if marker and previous == (page, box, marker):
            # A heading wrapped over two lines ("(KS-" / "dnr-009-1322/2011)").
            out[-2] = f"{marker} " + join_lines([out[-2][len(marker) + 1:], flat])
            continue
        if previous is not None and page != previous[0]:
            out.append("\f")
        elif previous is not None and box != previous[1]:
            out.append("")
        if marker:
            out += ["", f"{marker} {flat}", ""]
        else:
            out.append(text)
        previous = (page, box, marker)
    return "\n".join(out).replace("\n\f\n", "\f") + "\n"
