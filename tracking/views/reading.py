"""Reading the answers of a remiss and exporting the remissammanställning."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from programs.permissions import slk_required
from programs.selectors import visible_remisser
from responses.content import SectionKind

from .. import compare
from .. import compilation as compiled


@slk_required
def answers(request, pk):
    """One section kind of every readable answer, beside the previous remiss's answer.

    Template: programs/answers.html. Query parameter: avsnitt (a SectionKind).
    """
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    kind = request.GET.get("avsnitt")
    if kind not in SectionKind.values:
        kind = None
    context = compare.side_by_side(remiss, request.user, kind)
    return render(request, "programs/answers.html", {"remiss": remiss, **context})


@slk_required
def compilation(request, pk, fmt):
    """The remissammanställning as CSV or XLSX (404 for a remiss the user may not see)."""
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    if fmt not in compiled.FORMATS:
        raise Http404
    return compiled.response(remiss, request.user, fmt)
