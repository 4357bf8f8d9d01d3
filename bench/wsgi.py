"""The app as gunicorn serves it in the benchmark, plus one response header:
X-Bench-Queries, the number of SQL statements the request ran.

Counting wraps the WSGI call, so settings and the middleware list stay as in
production; only `make bench` loads this module.
"""

import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remiss.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402

django_application = get_wsgi_application()


def application(environ, start_response):
    count = 0
    started = time.perf_counter()

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    def start(status, headers, exc_info=None):
        headers = [*headers, ("X-Bench-Queries", str(count)),
                   ("X-Bench-Ms", f"{(time.perf_counter() - started) * 1000:.2f}")]
        return start_response(status, headers, exc_info)

    with connection.execute_wrapper(counter):
        return django_application(environ, start)
