from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Program
from .selectors import visible_remisser


@login_required
def remiss_detail(request, pk):
    """One remiss with its recipients. Template: programs/remiss_detail.html."""
    remiss = get_object_or_404(visible_remisser(request.user), pk=pk)
    recipients = remiss.recipients.select_related("organisation", "handlaggare")
    return render(request, "programs/remiss_detail.html",
                  {"remiss": remiss, "recipients": recipients})


@login_required
def program_detail(request, pk):
    """A program and its remisser over the years. Template: programs/program_detail.html."""
    program = get_object_or_404(Program, pk=pk)
    remisser = visible_remisser(request.user).filter(program=program).order_by("remiss_date")
    return render(request, "programs/program_detail.html",
                  {"program": program, "remisser": remisser})
