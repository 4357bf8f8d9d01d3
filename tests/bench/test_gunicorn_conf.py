"""The gunicorn hook that keeps full garbage collections short in production workers."""

import gc

from remiss import gunicorn_conf


def test_worker_init_freezes_the_loaded_app(db):
    gc.unfreeze()
    try:
        gunicorn_conf.post_worker_init(worker=None)
        # Everything alive now (Django, the URLconf and every view module) is frozen.
        assert gc.get_freeze_count() > 50_000
    finally:
        gc.unfreeze()
