"""Reminder settings (mutes, calendar feed), mute links from the mails, the ICS feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programs.models import Recipient
from programs.selectors import visible_remisser

from . import deadlines, schedule
from .feeds import feed_recipients, user_feed
from .models import CalendarFeedToken, ReminderMute, ReminderPolicy


@login_required
def settings_page(request):
    """The user's muted remisser and calendar feed. Template: reminders/settings.html."""
    mutes = (ReminderMute.objects.filter(user=request.user)
             .select_related("remiss").order_by("remiss__deadline"))
    muted_ids = {m.remiss_id for m in mutes}
    reminded = [r for r in feed_recipients(request.user).order_by("remiss__deadline", "pk")
                if r.remiss_id not in muted_ids and not request.user.is_slk]
    token = CalendarFeedToken.objects.filter(user=request.user).first()
    feed_url = request.build_absolute_uri(
        reverse("reminders:feed", args=[token.token])) if token else ""
    return render(request, "reminders/settings.html", {
        "mutes": mutes, "reminded": reminded, "feed_url": feed_url,
        "policy": ReminderPolicy.current(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def mute(request, remiss_pk):
    """Confirm (GET) and mute (POST) one remiss. Template: reminders/mute_confirm.html."""
    remiss = get_object_or_404(visible_remisser(request.user), pk=remiss_pk)
    if request.method == "POST":
        ReminderMute.objects.get_or_create(user=request.user, remiss=remiss)
        messages.success(request, _("Du får inga fler påminnelser om %(remiss)s.")
                         % {"remiss": remiss})
        return redirect("reminders:settings")
    muted = ReminderMute.objects.filter(user=request.user, remiss=remiss).exists()
    return render(request, "reminders/mute_confirm.html", {"remiss": remiss, "muted": muted})


@login_required
@require_POST
def unmute(request, remiss_pk):
    deleted, _count = ReminderMute.objects.filter(user=request.user,
                                                  remiss_id=remiss_pk).delete()
    if deleted:
        messages.success(request, _("Påminnelserna är påslagna igen."))
    return redirect("reminders:settings")


@login_required
@require_POST
def rotate_feed(request):
    """Create the feed URL, or replace it (the old one stops working at once)."""
    token, created = CalendarFeedToken.objects.get_or_create(user=request.user)
    if not created:
        token.rotate()
        messages.success(request, _("Du har fått en ny kalenderlänk. Den gamla slutar fungera."))
    else:
        messages.success(request, _("Din kalenderlänk är skapad."))
    return redirect("reminders:settings")


def feed(request, token):
    """The ICS feed; the secret token is the only authentication (calendar clients)."""
    row = (CalendarFeedToken.objects.select_related("user", "user__organisation")
           .filter(token=token).first())
    if row is None or not row.user.is_active:
        raise Http404(_("Kalenderlänken finns inte eller har ersatts."))
    response = HttpResponse(user_feed(row.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="remisstider.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_GET
@login_required
def recipient_reminders(request, pk):
    """Reminders sent and scheduled for one recipient row.

    Template: reminders/recipient.html. Visible to SLK, administrators and the row's
    own organisation.
    """
    recipient = get_object_or_404(
        deadlines.with_status(deadlines.with_answer(
            Recipient.objects.select_related("remiss", "organisation", "handlaggare")
            .filter(remiss__in=visible_remisser(request.user)))), pk=pk)
    user = request.user
    if not (user.is_slk or user.is_administrator
            or user.organisation_id == recipient.organisation_id):
        raise PermissionDenied(_("Du kan bara se påminnelser för din egen organisation."))
    return render(request, "reminders/recipient.html", {
        "recipient": recipient, "remiss": recipient.remiss,
        "sent": deadlines.sent_for(recipient), "scheduled": scheduled_for(recipient),
    })


def scheduled_for(recipient, limit: int = 5) -> list:
    if not recipient.is_awaiting:
        return []
    return schedule.upcoming_steps(recipient.effective_deadline, ReminderPolicy.current(),
                                   timezone.now(), limit=limit)
