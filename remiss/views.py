from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from programs.selectors import open_recipients_for_organisation
from responses.desk import desk


@login_required
def start(request):
    """Start page: for members of an answering organisation their desk (open remisser with
    days left, own drafts, what waits for them); SLK and administrators go to the overview
    of remisser; users without an organisation get a simple page.

    Template: start.html. Context: recipients, and for desks rows/mine/waiting
    (responses/desk.py).
    """
    user = request.user
    if user.is_slk or user.is_administrator:
        # Stadsledningskontoret works from its remisser, not from a desk of answers.
        return redirect("programs:overview")
    context = {"recipients": open_recipients_for_organisation(user.organisation)}
    if user.organisation_id and not user.is_slk and not user.is_administrator:
        context.update(desk(user), is_desk=True)
    return render(request, "start.html", context)


def accessibility_statement(request):
    """The tillgänglighetsredogörelse required by the DOS law; public, no login.

    Template: accessibility.html.
    """
    return render(request, "accessibility.html")
