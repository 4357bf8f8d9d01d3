"""The reminder mails: Swedish plain text + HTML, with the deadline as an .ics event."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from programs.models import Recipient

from . import deadlines
from .models import SentReminder

ICS_DOMAIN = "remiss.stockholm.se"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def deadline_event(recipient, *, deadline: datetime.date | None = None) -> Event:
    """An all-day event on the effective deadline; the UID is stable so updates replace it."""
    remiss = recipient.remiss
    deadline = deadline or recipient.effective_deadline
    event = Event()
    event.add("uid", f"remisstid-{recipient.pk}@{ICS_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", deadline)
    event.add("dtend", deadline + datetime.timedelta(days=1))
    event.add("summary", _("Remisstid: %(title)s (%(dnr)s)")
              % {"title": remiss.title, "dnr": remiss.ks_dnr})
    event.add("description", _("Sista dag för %(org)s att svara på remissen %(dnr)s.")
              % {"org": recipient.organisation, "dnr": remiss.ks_dnr})
    event.add("url", absolute(remiss.get_absolute_url()))
    event.add("transp", "TRANSPARENT")
    return event


def calendar(events, *, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Stockholms stad//Remiss//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Stockholm")
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def answer_state(recipient) -> str:
    utlatande = deadlines.active_utlatande(recipient)
    if utlatande is None:
        return _("Inget tjänsteutlåtande påbörjat")
    return utlatande.get_state_display()


def deadline_context(recipient, row: SentReminder | None = None, today=None) -> dict:
    """For a row read with deadlines.with_status() (load_recipient)."""
    today = today or timezone.localdate()
    remiss = recipient.remiss
    days_left = recipient.days_left(today)
    utlatande = deadlines.active_utlatande(recipient)
    return {
        "recipient": recipient,
        "remiss": remiss,
        "organisation": recipient.organisation,
        "deadline": recipient.effective_deadline,
        "has_anstand": recipient.anstand_deadline is not None,
        "days_left": days_left,
        "days_late": -days_left,
        "days_text": deadlines.days_text(days_left),
        "overdue": recipient.is_overdue,
        "answer_state": answer_state(recipient),
        "link": absolute(utlatande.get_absolute_url() if utlatande
                         else remiss.get_absolute_url()),
        "remiss_link": absolute(remiss.get_absolute_url()),
        "mute_link": absolute(reverse("reminders:mute", args=[remiss.pk]))
        if row is not None and row.user_id else "",
        "settings_link": absolute(reverse("reminders:settings")),
        "addressed_to_user": row is not None and row.user_id is not None,
    }


def build_deadline_message(row: SentReminder) -> EmailMultiAlternatives:
    recipient = deadlines.load_recipient(row.object_id)
    context = deadline_context(recipient, row)
    subject = render_to_string("email/reminders/deadline_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("email/reminders/deadline.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.addressee],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string("email/reminders/deadline.html", context),
                               "text/html")
    ics = calendar([deadline_event(recipient)], name=_("Remisstid"))
    message.attach("remisstid.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    return message


def digest_rows(sender_id: int, today: datetime.date) -> list:
    rows = list(
        deadlines.with_answer(Recipient.objects.overdue(today)
                              .filter(remiss__sender_id=sender_id)
                              .select_related("remiss", "organisation", "handlaggare"))
        .order_by("remiss__deadline", "remiss__ks_dnr", "organisation__name")
    )
    for r in rows:
        r.days_late = -r.days_left(today)
        r.answer_state = answer_state(r)
        r.link = absolute(reverse("programs:matrix", args=[r.remiss_id]))
    return rows


def build_digest_message(row: SentReminder) -> EmailMultiAlternatives:
    today = timezone.localdate()
    rows = digest_rows(row.object_id, today)
    context = {
        "rows": rows, "today": today, "count": len(rows),
        "overview_link": absolute(reverse("start")),
    }
    subject = _("Försenade remissvar %(date)s: %(n)d remissinstanser") % {
        "date": today.isoformat(), "n": len(rows)}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("email/reminders/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.addressee],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string("email/reminders/digest.html", context),
                               "text/html")
    return message
