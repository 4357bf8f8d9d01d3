"""Reading the answers of a remiss and exporting the remissammanställning."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from organisations.models import OrganisationKind
from programs.permissions import slk_required
from programs.selectors import visible_remisser
from responses.content import SectionKind
from responses.models import Stance

from .. import compare
from .. import compilation as compiled


@slk_required
def answers(request, pk):
    """Every organisation's answer side by side: stance and the chosen sections, with the
    same organisation's answer to the previous remiss of the program.

    Template: programs/answers.html. Query parameters: avsnitt (SectionKind, repeatable),
    stallningstagande (Stance), typ (OrganisationKind).
    """
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    kinds = [k for k in request.GET.getlist("avsnitt") if k in SectionKind.values]
    stance = request.GET.get("stallningstagande", "")
    stance = stance if stance in Stance.values else ""
    kind = request.GET.get("typ", "")
    kind = kind if kind in OrganisationKind.values else ""
    context = compare.side_by_side(remiss, request.user, kinds, stance=stance,
                                   organisation_kind=kind)
    return render(request, "programs/answers.html", {
        "remiss": remiss, **context, "stances": Stance.choices,
        "organisation_kinds": OrganisationKind.choices,
        "filters": {"stance": stance, "kind": kind},
        "filtered": bool(stance or kind)})


@slk_required
def compilation(request, pk, fmt):
    """The remissammanställning as CSV or XLSX (404 for a remiss the user may not see)."""
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    if fmt not in compiled.FORMATS:
        raise Http404
    return compiled.response(remiss, request.user, fmt)
