"""Signals of the meetings app.

`arende_justerad(sender=Arende, arende, by)` is sent once the justering of a paragraph is
committed (omedelbar justering or the protokoll's): the hook for signing and archiving.
"""

from django.dispatch import Signal

arende_justerad = Signal()
