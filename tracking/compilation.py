"""Remissammanställning: all answers to one remiss, one row per organisation (CSV, XLSX).

Each row holds the stance, the nämnd's decision (date and §) and the text of every
section, one column per section kind, as plain text cleaned of control characters.
"""

import csv
import html
import io
import re

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from remiss.textclean import clean_control_chars
from responses.content import SectionKind

from . import matrix
from .compare import section_kind

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# These columns are always there, so a sheet of an early remiss has the same shape.
ALWAYS = (SectionKind.SAMMANFATTNING, SectionKind.SYNPUNKTER)
# Excel refuses longer cells.
MAX_CELL = 32_000
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def plain_text(html_text: str) -> str:
    """Stored section HTML as plain text: one line per paragraph or list item."""
    text = _LIST_ITEM.sub("– ", _BLOCK_END.sub("\n", html_text or ""))
    text = html.unescape(_TAG.sub("", text))
    lines = (" ".join(line.split()) for line in clean_control_chars(text).splitlines())
    return "\n".join(line for line in lines if line)


def section_texts(utlatande) -> dict[str, str]:
    """Text per section kind; several sections of one kind follow each other."""
    texts: dict[str, list[str]] = {}
    for section in utlatande.sections or []:
        kind = section_kind(section)
        text = plain_text(section.get("html", ""))
        if kind == SectionKind.EXTRA and section.get("heading"):
            text = f"{clean_control_chars(section['heading'])}\n{text}"
        if text:
            texts.setdefault(kind, []).append(text)
    return {kind: "\n\n".join(parts) for kind, parts in texts.items()}


# The nämnd's decision as the answer knows it today (meetings may move it to its Arende).
def decision_date(utlatande):
    return getattr(utlatande, "meeting_date", None)


def decision_paragraph(utlatande) -> str:
    return getattr(utlatande, "paragraph", "") or ""


def _link(row) -> str:
    if row.readable:
        return settings.SITE_URL + row.utlatande.get_absolute_url()
    recipient = row.recipient
    if recipient.answer_file:
        return settings.SITE_URL + reverse("programs:answer_document",
                                           args=[recipient.remiss_id, recipient.pk])
    return recipient.answer_url


def _table(remiss, user) -> tuple[list, list]:
    """The section kinds that get a column, and one row per recipient; the content of an
    answer only when the user may read it."""
    built = sorted(matrix.build_rows(matrix.recipients_with_answers(remiss), user),
                   key=lambda r: r.organisation.name.lower())
    texts = {row.recipient.pk: section_texts(row.utlatande) if row.readable else {}
             for row in built}
    present = {kind for t in texts.values() for kind in t}
    kinds = [k for k in SectionKind.values if k in ALWAYS or k in present]
    rows = []
    for row in built:
        readable = row.readable
        rows.append([
            row.organisation.name, row.organisation.forvaltning,
            row.organisation.get_kind_display(), row.deadline, row.state_label,
            row.stance_label, decision_date(row.utlatande) if readable else None,
            decision_paragraph(row.utlatande) if readable else "", row.answered_on,
            row.days_late,
            row.recipient.declined_reason if row.recipient.declined else "",
            *[texts[row.recipient.pk].get(kind, "") for kind in kinds],
            _link(row),
        ])
    return kinds, rows


def headers(kinds) -> list[str]:
    return [_("Organisation"), _("Förvaltning"), _("Typ av organisation"), _("Remisstid"),
            _("Status"), _("Ställningstagande"), _("Beslutsdatum"), _("Paragraf (§)"),
            _("Svarsdatum"), _("Dagar sen"), _("Skäl att avstå"),
            *[str(SectionKind(k).label) for k in kinds], _("Länk")]


def _cell(value):
    """Text as it should reach a spreadsheet: dates ISO, no formula injection."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int):
        return value
    value = clean_control_chars(str(value))  # lazy translations too
    if len(value) > MAX_CELL:
        value = value[:MAX_CELL] + " […]"
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(remiss, user) -> bytes:
    kinds, data = _table(remiss, user)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers(kinds))
    for row in data:
        writer.writerow([_cell(v) for v in row])
    # BOM so that Excel opens the Swedish letters right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(remiss, user) -> bytes:
    kinds, data = _table(remiss, user)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Remissammanställning")
    sheet.append(headers(kinds))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in data:
        sheet.append([_cell(v) for v in row])
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    sheet.freeze_panes = "B2"
    widths = (36, 32, 18, 12, 20, 24, 13, 10, 12, 9, 30, *[70] * len(kinds), 45)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    stances = book.create_sheet(_("Ställningstaganden"))
    stances.append([_("Remiss"), _cell(f"{remiss.title} ({remiss.ks_dnr})")])
    stances.append([_("Remisstid"), remiss.deadline.isoformat()])
    stances.append([])
    stances.append([_("Ställningstagande"), _("Antal")])
    summary = matrix.summarise(matrix.build_rows(matrix.recipients_with_answers(remiss), user))
    for _value, label, count in summary.by_stance:
        stances.append([str(label), count])
    stances.append([_("Har beslutat"), summary.decided])
    stances.append([_("Har inkommit"), summary.received])
    stances.append([_("Remissinstanser"), summary.total])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_name(remiss, extension: str) -> str:
    return remiss.compilation_file_name(extension)


def response(remiss, user, fmt: str) -> HttpResponse:
    content = to_csv(remiss, user) if fmt == "csv" else to_xlsx(remiss, user)
    result = HttpResponse(content, content_type=FORMATS[fmt])
    result["Content-Disposition"] = f'attachment; filename="{file_name(remiss, fmt)}"'
    result["X-Content-Type-Options"] = "nosniff"
    return result
