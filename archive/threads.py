"""pyHanko's synchronous API calls asyncio.run(), which fails in a thread whose event loop is
already running (an ASGI server, Playwright's sync API in the browser tests)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def outside_event_loop(function, *args, **kwargs):
    """Call `function` here, or in a worker thread when this thread runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
