"""Moves the clock of every Python process of a test run (pytest, Celery workers, servers).

Put this folder on PYTHONPATH and set REMISS_CLOCK_SHIFT_SECONDS (from shift.py: "200 days
later, at 07:30 in Stockholm") to run the suite as if it were then: `make test-anyday` does.
Every process moves by the same amount, so they agree on the time. time-machine keeps the
clock ticking, so timeouts and durations behave as usual."""

import datetime
import os

_shift = os.environ.get("REMISS_CLOCK_SHIFT_SECONDS")
if _shift:
    import time_machine

    _destination = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=int(_shift))
    time_machine.travel(_destination, tick=True).start()
