"""The sammanträdesplan of an organisation as an iCalendar feed (public: meeting dates are)."""

import datetime
import zoneinfo

import icalendar
from django.conf import settings
from django.utils import timezone

from .models import MeetingState

LOCAL_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def meetings_ics(organisation, meetings, *, host: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Stockholms stad//Remiss//SV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Sammanträden {organisation.name}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", meeting.uid or f"sammantrade-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"Sammanträde {organisation.name}")
        if meeting.time:
            start = datetime.datetime.combine(meeting.date, meeting.time, tzinfo=LOCAL_TZ)
            event.add("dtstart", start)
            event.add("dtend", start + DEFAULT_LENGTH)
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + datetime.timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        event.add("status", "CANCELLED" if meeting.state == MeetingState.INSTALLT
                  else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
