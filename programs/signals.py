"""Signals sent by the remiss life cycle; reminders and meetings recompute on them."""

from django.dispatch import Signal

# Sent (after commit) when a remiss is sent out. kwargs: remiss
remiss_sent = Signal()
# Sent (after commit) when a remiss is closed. kwargs: remiss
remiss_closed = Signal()
# Sent (after commit) when a recipient's effective deadline, state or assignment changed
# (anstånd granted, recipient added, answered, declined). kwargs: recipient
recipient_changed = Signal()
