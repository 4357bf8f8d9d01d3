"""End to end: a real Celery worker on a real Redis broker sends a due reminder once.

The test starts `celery -A remiss worker` in a subprocess against this test database and
Redis database 5 on 127.0.0.1:6379, sends the sweep task twice at once (two processes of
the worker run them concurrently), and reads the mails the worker wrote with Django's
file e-mail backend. The worker is stopped afterwards.
"""

import datetime
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from organisations.models import Role
from reminders.models import SentReminder
from reminders.sweep import reschedule

ROOT = Path(__file__).resolve().parents[2]
# Parallel runs (several checkouts on one machine) each take their own Redis database.
BROKER = f"redis://127.0.0.1:6379/{os.environ.get('TEST_REDIS_DB', '5')}"

pytestmark = [pytest.mark.celery_e2e, pytest.mark.django_db(transaction=True)]


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker(tmp_path):
    if not redis_reachable():
        pytest.skip("Redis svarar inte på 127.0.0.1:6379 (starta det med `make test`, "
                    "som kör .ci/ensure-redis.sh)")
    import redis

    redis.Redis.from_url(BROKER).flushdb()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {**os.environ,
           "DATABASE_URL": database_url(), "CELERY_BROKER_URL": BROKER,
           "CELERY_TASK_ALWAYS_EAGER": "0",
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(mail_dir), "EMAIL_HOST": ""}
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "remiss", "worker", "--concurrency=2",
         "--pool=prefork", "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    client = Celery("e2e-client", broker=BROKER)
    try:
        yield client, mail_dir, tmp_path / "worker.log"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        connection.close()


def mails(mail_dir: Path) -> list[str]:
    """Recipients of every message the file backend wrote."""
    found = []
    for path in mail_dir.glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                found.append(line[4:].strip())
    return found


def test_a_due_reminder_reaches_the_outbox_once_with_concurrent_sweeps(worker, orgs,
                                                                       make_remiss,
                                                                       make_user):
    client, mail_dir, log_path = worker
    handlaggare = make_user("handlaggare.kultur", "kun", Role.HANDLAGGARE)
    remiss = make_remiss(deadline=timezone.localdate() - datetime.timedelta(days=10))
    recipient = remiss.recipients.get()
    recipient.handlaggare = handlaggare
    recipient.save()
    assert reschedule(recipient) <= timezone.now()  # due now

    for _ in range(2):
        client.send_task("reminders.sweep")

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if SentReminder.objects.filter(status=SentReminder.Status.SENT).exists():
            break
        time.sleep(0.5)
    else:
        pytest.fail("No reminder sent within 60 s. Worker log:\n" + log_path.read_text())
    # A third sweep, and time for any duplicate to show up.
    client.send_task("reminders.sweep")
    time.sleep(3)
    assert mails(mail_dir) == ["handlaggare.kultur@stockholm.se"], log_path.read_text()
    assert SentReminder.objects.count() == 1
    row = SentReminder.objects.get()
    assert row.kind == "deadline.overdue" and row.sent_at is not None
