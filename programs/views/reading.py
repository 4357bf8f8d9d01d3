"""Reading the answers of a remiss and exporting the remissammanställning."""

from django.http import Http404

from ..permissions import slk_required


@slk_required
def answers(request, pk):
    raise Http404


@slk_required
def compilation(request, pk, fmt):
    raise Http404
