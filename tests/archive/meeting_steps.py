"""The meeting's services, called the way the archive tests read best."""

from meetings.services import sammantrade_justera, sammantrade_record


def record_meeting(meeting, user, items, justerare=""):
    """The paragraphs created (an identical earlier post creates none)."""
    return sammantrade_record(meeting=meeting, by=user, items=items, justerare=justerare).created


def justera_protocol(meeting, user, *, justerare, justerad_date):
    return sammantrade_justera(meeting=meeting, by=user, justerare=justerare,
                               justerad_date=justerad_date)
