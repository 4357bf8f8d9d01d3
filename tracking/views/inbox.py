"""Stadsledningskontoret's inbox: marking the new answers as read."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programs.permissions import slk_required

from .. import inbox


@require_POST
@slk_required
def inbox_seen(request):
    """The new answers shown on the start page are read. The moment comes from the page,
    so an answer that arrived after it was shown stays new."""
    try:
        shown = datetime.datetime.fromisoformat(request.POST.get("shown_at", ""))
    except ValueError:
        shown = None
    now = timezone.now()
    if shown is None or timezone.is_naive(shown) or shown > now:
        shown = now
    inbox.inbox_mark_seen(user=request.user, at=shown)
    messages.success(request, _("De nya svaren är markerade som lästa."))
    return redirect("start")
