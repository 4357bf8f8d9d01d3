from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from programs.selectors import open_recipients_for_organisation
from responses.desk import desk
from tracking.inbox import slk_inbox


@login_required
def start(request):
    """Start page: for members of an answering organisation their desk (open remisser with
    days left, own drafts, what waits for them); SLK and administrators their inbox (what
    needs them today, tracking/inbox.py); users without an organisation a simple page.

    Template: start.html. Context: recipients, and for desks rows/mine/waiting
    (responses/desk.py); for SLK inbox and shown_at.
    """
    user = request.user
    if user.is_slk or user.is_administrator:
        return render(request, "start.html", {"inbox": slk_inbox(user),
                                              "shown_at": timezone.now().isoformat()})
    context = {"recipients": open_recipients_for_organisation(user.organisation)}
    if user.organisation_id and not user.is_slk and not user.is_administrator:
        context.update(desk(user), is_desk=True)
    return render(request, "start.html", context)


def accessibility_statement(request):
    """The tillgänglighetsredogörelse required by the DOS law; public, no login.

    Template: accessibility.html.
    """
    return render(request, "accessibility.html")
