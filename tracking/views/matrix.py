"""The tracking matrix of one remiss (SLK), and closing the remiss from it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import OrganisationKind
from programs import services
from programs.models import RemissStatus
from programs.permissions import slk_required
from programs.selectors import visible_remisser

from .. import charts, matrix

SORTS = list(matrix.SORT_KEYS)


@slk_required
def matrix_view(request, pk):
    """Who has answered what, with counts and a chart. Template: programs/matrix.html.

    Query parameters: status, typ, q, forsenade, sort (prefix "-" for descending).
    """
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    today = timezone.localdate()
    rows = matrix.build_rows(matrix.recipients_with_answers(remiss), request.user, today)
    summary = matrix.summarise(rows)
    sort = request.GET.get("sort", "organisation")
    descending = sort.startswith("-")
    sort_key = sort.lstrip("-") if sort.lstrip("-") in matrix.SORT_KEYS else "organisation"
    filters = {
        "state": request.GET.get("status", "") if request.GET.get("status")
        in matrix.MatrixState.values else "",
        "kind": request.GET.get("typ", "") if request.GET.get("typ")
        in OrganisationKind.values else "",
        "text": request.GET.get("q", "")[:100].strip(),
        "late": request.GET.get("forsenade") == "1",
    }
    shown = matrix.filter_and_sort(rows, sort=sort_key, descending=descending, **filters)
    chart = charts.answers_over_time(
        start=remiss.sent_at.date() if remiss.sent_at else remiss.remiss_date,
        deadline=remiss.deadline, answered=[r.answered_on for r in rows if r.is_decided],
        total=summary.total, today=today)
    base_query = request.GET.copy()
    base_query.pop("sort", None)
    columns = []
    for key, label in matrix.COLUMNS:
        active = key == sort_key
        next_sort = f"-{key}" if active and not descending else key
        query = base_query.copy()
        query["sort"] = next_sort
        columns.append({"key": key, "label": label, "url": "?" + query.urlencode(),
                        "aria_sort": ("descending" if descending else "ascending")
                        if active else ""})
    return render(request, "programs/matrix.html", {
        "remiss": remiss, "rows": shown, "summary": summary, "chart": chart,
        "filters": filters, "columns": columns, "states": matrix.MatrixState.choices,
        "kinds": OrganisationKind.choices, "filtered": len(shown) != len(rows),
    })


@slk_required
def remiss_close(request, pk):
    """Confirm, then close. Template: programs/remiss_close_confirm.html."""
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    if request.method == "POST":
        try:
            services.remiss_close(remiss=remiss, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Remissen är avslutad. Svar som kommer in senare "
                                        "markeras som försenade. Du kan öppna den igen."))
        return redirect("programs:matrix", pk=remiss.pk)
    if remiss.status != RemissStatus.UTSKICKAD:
        messages.info(request, _("Bara en utskickad remiss kan avslutas."))
        return redirect(remiss)
    rows = matrix.build_rows(matrix.recipients_with_answers(remiss), request.user)
    return render(request, "programs/remiss_close_confirm.html", {
        "remiss": remiss, "summary": matrix.summarise(rows),
        "missing": sorted((r for r in rows if not r.is_received and not r.recipient.declined),
                          key=lambda r: r.organisation.name.lower()),
    })
