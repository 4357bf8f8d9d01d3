from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .selectors import visible_utlatanden


@login_required
def detail(request, pk):
    """A tjänsteutlåtande as a reader sees it. Template: responses/detail.html."""
    utlatande = get_object_or_404(visible_utlatanden(request.user), pk=pk)
    return render(request, "responses/detail.html", {"utlatande": utlatande,
                                                     "bilagor": utlatande.bilagor.all()})
