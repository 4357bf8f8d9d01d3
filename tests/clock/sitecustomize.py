"""Moves the clock of every Python process of a test run (pytest, Celery workers, servers).

Put this folder on PYTHONPATH and set REMISS_CLOCK_SHIFT_DAYS (e.g. 200) to run the suite
as if today were that many days later: `make test-anyday` does. time-machine keeps the clock
ticking, so timeouts and durations behave as usual."""

import datetime
import os

_shift = os.environ.get("REMISS_CLOCK_SHIFT_DAYS")
if _shift:
    import time_machine

    _destination = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=int(_shift))
    time_machine.travel(_destination, tick=True).start()
