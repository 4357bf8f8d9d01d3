"""Demo data hook for seed_demo: the default policy and every open row's cursor."""

from .models import ReminderPolicy
from .sweep import reschedule_all


def seed_reminders() -> int:
    """Idempotent. Returns the number of open rows scheduled."""
    if not ReminderPolicy.objects.exists():
        ReminderPolicy.objects.create()
    return reschedule_all()
