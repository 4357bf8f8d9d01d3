"""The list of all remisser and a program's page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from programs.models import Program, RemissStatus
from programs.permissions import may_manage_remisser
from programs.selectors import visible_remisser

from .. import overview


def _int(value, maximum=2**31 - 1):
    """A positive whole number from the query string, else None (no 500 on "-1" or 10**400)."""
    try:
        number = int(str(value)[:12])
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= maximum else None


@login_required
def remiss_list(request):
    """All remisser the user may see, filtered. Template: programs/overview.html.

    Query parameters: program, ar, avsandare, status, sida.
    """
    today = timezone.localdate()
    status = request.GET.get("status")
    filters = {"program": _int(request.GET.get("program")),
               "year": _int(request.GET.get("ar"), 9999),
               "sender": _int(request.GET.get("avsandare")),
               "status": status if status in RemissStatus.values else None}
    qs = overview.filter_remisser(visible_remisser(request.user), **filters)
    qs = overview.with_counts(qs, today).order_by("-remiss_date", "-pk")
    page = Paginator(qs, 50).get_page(request.GET.get("sida"))
    for remiss in page:
        remiss.share = overview.share(remiss.n_decided, remiss.n_recipients)
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "programs/overview.html", {
        "page": page, "filters": filters, "query": query.urlencode(),
        "programs": Program.objects.all(), "years": overview.years(request.user),
        "senders": overview.senders(),
        "statuses": RemissStatus.choices, "may_manage": may_manage_remisser(request.user),
    })


@login_required
def program_detail(request, pk):
    """A program and its remisser over the years with their answers.

    Template: programs/program_detail.html. Query parameter: sida (answers are paged by
    remiss, newest first).
    """
    program = get_object_or_404(Program, pk=pk)
    history = overview.program_history(program, request.user, request.GET.get("sida"))
    return render(request, "programs/program_detail.html", {"program": program, **history})
