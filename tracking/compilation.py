"""Remissammanställning: all answers to one remiss, one row per organisation (CSV, XLSX)."""

import csv
import html
import io

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from remiss.textclean import clean_control_chars
from responses.content import SectionKind

from . import matrix

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def headers() -> list[str]:
    return [_("Organisation"), _("Förvaltning"), _("Remisstid"), _("Status"),
            _("Ställningstagande"), _("Svarsdatum"), _("Dagar sen"), _("Sammanfattning"),
            _("Länk")]


def _plain(html_text: str) -> str:
    return " ".join(html.unescape(strip_tags(html_text or "")).split())


def summary_text(utlatande) -> str:
    return "\n\n".join(_plain(s.get("html", "")) for s in (utlatande.sections or [])
                       if s.get("kind") == SectionKind.SAMMANFATTNING)


def rows(remiss, user) -> list[list]:
    """One row per recipient; the content of an answer only when the user may read it."""
    result = []
    for row in sorted(matrix.build_rows(matrix.recipients_with_answers(remiss), user),
                      key=lambda r: r.organisation.name.lower()):
        readable = row.readable
        declined = row.recipient.declined_reason if row.recipient.declined else ""
        result.append([
            row.organisation.name, row.organisation.forvaltning, row.deadline, row.state_label,
            row.stance_label, row.answered_on, row.days_late,
            summary_text(row.utlatande) if readable else declined,
            settings.SITE_URL + row.utlatande.get_absolute_url() if readable else "",
        ])
    return result


def _cell(value):
    """Text as it should reach a spreadsheet: dates ISO, no formula injection."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int):
        return value
    # Lazy translations too; Word's field codes and other control characters break XLSX.
    value = clean_control_chars(str(value))
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(remiss, user) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    for row in rows(remiss, user):
        writer.writerow([_cell(v) for v in row])
    # BOM so that Excel opens the Swedish letters right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(remiss, user) -> bytes:
    data = rows(remiss, user)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Remissammanställning")
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data:
        sheet.append([_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    for index, width in enumerate((40, 36, 12, 22, 26, 12, 10, 80, 45), start=1):
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


def response(remiss, user, fmt: str) -> HttpResponse:
    content = to_csv(remiss, user) if fmt == "csv" else to_xlsx(remiss, user)
    stamp = timezone.localdate().isoformat()
    safe_dnr = "".join(c if c.isalnum() else "-" for c in remiss.ks_dnr)
    result = HttpResponse(content, content_type=FORMATS[fmt])
    result["Content-Disposition"] = (
        f'attachment; filename="remissammanstallning-{safe_dnr}-{stamp}.{fmt}"')
    result["X-Content-Type-Options"] = "nosniff"
    return result
