"""Signals other apps listen to, so the workflow knows nothing of PDF, reminders or meetings."""

from django.dispatch import Signal

# Sent after a workflow transition has been committed.
# kwargs: utlatande, from_state, to_state, by (User), record (TransitionRecord)
utlatande_transitioned = Signal()
