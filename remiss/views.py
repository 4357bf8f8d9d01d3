from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from programs.selectors import open_recipients_for_organisation


@login_required
def start(request):
    """Start page: who you are and your organisation's open remisser.

    Template: start.html. Context: recipients (open Recipient rows of the user's organisation).
    """
    recipients = open_recipients_for_organisation(request.user.organisation)
    return render(request, "start.html", {"recipients": recipients})


def accessibility_statement(request):
    """The tillgänglighetsredogörelse required by the DOS law; public, no login.

    Template: accessibility.html.
    """
    return render(request, "accessibility.html")
