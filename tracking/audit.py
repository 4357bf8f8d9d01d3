"""The audit trail of one case (a remiss with its recipients, answers and their parts) as CSV.

Everything comes from django-simple-history, which records every change with its user; the
workflow's TransitionRecord rows are added as events. Only administrators may export it.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from meetings.models import Arende
from programs.models import AnstandRequest, Recipient, Remiss, RemissDocument
from responses.models import (
    Bilaga,
    ReviewComment,
    TransitionRecord,
    Utlatande,
    UtlatandeRecipient,
)

CHANGE_TYPES = {"+": gettext_lazy("Skapad"), "~": gettext_lazy("Ändrad"),
                "-": gettext_lazy("Borttagen")}
# A cell starting with one of these is a formula to a spreadsheet program: neutralise it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["tidpunkt", "objekt", "id", "händelse", "användare", "ändrade fält", "kommentar"]


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _who(user) -> str:
    if user is None:
        return _("(systemet)")
    return f"{user.get_full_name() or user.username} ({user.username})"


def _history_rows(queryset, label):
    for record in queryset.select_related("history_user").order_by("history_date"):
        changed = ""
        if record.history_type == "~" and record.prev_record is not None:
            changed = ", ".join(record.diff_against(record.prev_record).changed_fields)
        yield (record.history_date, label, record.id,
               str(CHANGE_TYPES.get(record.history_type, record.history_type)),
               _who(record.history_user), changed, record.history_change_reason or "")


def case_events(remiss: Remiss) -> list[tuple]:
    """Every recorded change of the case, oldest first."""
    recipient_ids = list(Recipient.history.filter(remiss_id=remiss.pk)
                         .values_list("id", flat=True).distinct())
    utlatande_ids = list(UtlatandeRecipient.history.filter(recipient_id__in=recipient_ids)
                         .values_list("utlatande_id", flat=True).distinct())
    sources = [
        (Remiss.history.filter(id=remiss.pk), _("Remiss")),
        (RemissDocument.history.filter(remiss_id=remiss.pk), _("Remitterat dokument")),
        (Recipient.history.filter(id__in=recipient_ids), _("Remissinstans")),
        (AnstandRequest.history.filter(recipient_id__in=recipient_ids), _("Anstånd")),
        (UtlatandeRecipient.history.filter(recipient_id__in=recipient_ids),
         _("Svar på remissinstans")),
        (Utlatande.history.filter(id__in=utlatande_ids), _("Tjänsteutlåtande")),
        (Bilaga.history.filter(utlatande_id__in=utlatande_ids), _("Bilaga")),
        (ReviewComment.history.filter(utlatande_id__in=utlatande_ids),
         _("Granskningskommentar")),
        (Arende.history.filter(utlatande_id__in=utlatande_ids), _("Ärende i nämnd")),
    ]
    events = [row for queryset, label in sources for row in _history_rows(queryset, label)]
    for step in TransitionRecord.objects.filter(utlatande_id__in=utlatande_ids).select_related(
            "by"):
        events.append((step.at, _("Statusbyte"), step.utlatande_id,
                       f"{step.from_state} → {step.to_state}", _who(step.by), "state",
                       step.comment))
    return sorted(events, key=lambda event: (event[0], str(event[1]), event[2]))


@require_safe
def remiss_audit_csv(request, pk):
    """Download the audit trail of one remiss as CSV (administrators only)."""
    if not request.user.is_authenticated or not request.user.is_administrator:
        raise PermissionDenied(_("Bara administratörer kan hämta granskningsloggen."))
    remiss = get_object_or_404(Remiss, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"historik-{remiss.ks_dnr}".replace(" ", "-").replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    response.write("\ufeff")  # so Excel reads UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(HEADER)
    for at, label, object_id, kind, who, changed, comment in case_events(remiss):
        writer.writerow([timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S"), label,
                         object_id, kind, safe_cell(who), changed, safe_cell(comment)])
    return response


# Included from remiss/urls.py as "granskningslogg/".
urlpatterns = [path("remiss/<int:pk>/historik.csv", remiss_audit_csv, name="audit_remiss_csv")]
