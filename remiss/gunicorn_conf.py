"""Gunicorn settings shared by production (Dockerfile, docker-compose.yml) and `make bench`.

Used with `gunicorn --config python:remiss.gunicorn_conf`; flags on the command line
(bind, workers) still win.
"""

import gc


def post_worker_init(worker):
    """Import every view, then move what lives for the whole process out of the collector.

    Django, its settings and the URLconf are some 190 000 objects that never die; left in
    the collected generations, every full collection walks them all and a request that
    happens to trigger one takes tens of milliseconds longer (the desk's p95 in bench/).
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports the views now, not in a request)
    gc.freeze()
