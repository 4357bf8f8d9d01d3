"""Signals of the remiss life cycle; programs.services sends them, reminders listen."""

from django.dispatch import Signal

# Sent once after a commit that changed where recipient rows stand: a remiss sent,
# edited (remisstid), closed or reopened; a recipient added, answered (or undone),
# declined; an anstånd granted. kwargs: recipient_ids (sorted list of ints).
# Sent only by programs.services.recipients_changed_on_commit().
recipients_changed = Signal()
