"""Template helpers to show plans on other apps' pages (the desk, SLK's matrix).

    {% load meetings_tags %}
    {% attach_meeting_plans recipients %}      {# once, before the loop: a few queries #}
    {% for r in recipients %} ... {% next_milestone r %} ... {% endfor %}
"""

from django import template

from ..plans import attach_plans, plans_for_recipients

register = template.Library()


@register.simple_tag
def attach_meeting_plans(recipients) -> str:
    """Compute the plans of all rows at once and set `.meeting_plan` on each."""
    attach_plans(recipients)
    return ""


@register.inclusion_tag("meetings/_next_milestone.html")
def next_milestone(recipient):
    """The next milestone and flags of one recipient row (computed alone if not attached)."""
    if not hasattr(recipient, "meeting_plan"):
        recipient.meeting_plan = plans_for_recipients([recipient]).get(recipient.pk)
    return {"plan": recipient.meeting_plan}
