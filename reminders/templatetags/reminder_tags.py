"""{% reminder_summary recipient %}: next and sent reminders of one row, for row tables.

Usage in a recipient table (e.g. programs/remiss_detail.html)::

    {% load reminder_tags %} ... <td>{% reminder_summary r %}</td>
"""

from django import template
from django.db.models import Count, Q

from reminders import deadlines
from reminders.models import SentReminder

register = template.Library()


@register.inclusion_tag("reminders/_reminder_summary.html")
def reminder_summary(recipient):
    counts = deadlines.sent_for(recipient).aggregate(
        sent=Count("pk", filter=Q(status=SentReminder.Status.SENT)),
        failed=Count("pk", filter=Q(status__in=[SentReminder.Status.FAILED,
                                                SentReminder.Status.UNDELIVERABLE])),
    )
    return {"recipient": recipient, "next": recipient.next_reminder_at, **counts}
