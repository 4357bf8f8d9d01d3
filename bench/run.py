"""`make bench`: the city at 10 and 1 year, gunicorn with 2 workers, wrk over loopback.

Steps: build (or reuse) the two generated databases and collect static files; start
gunicorn on each city (bench.wsgi: the app plus a query-count header) and resolve the
pages (bench/prepare.py); drive each page with wrk: one connection for latency and eight
for throughput on the 10-year city, then short runs in turn on both cities for the
10-year/1-year ratio. Then the background jobs (bench/jobs.py), and finally
bench/results.json, the table in docs/performance.md and the same table on stdout.

Environment: DATABASE_URL names the 10-year database (the 1-year one gets "_1y"
appended); BENCH_SECONDS (default 5) bounds each wrk run; BENCH_REMISSER_PER_YEAR
(default 400) shrinks the cities for a trial run of the harness.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import PageRun, build_results, render_table, replace_generated  # noqa: E402

BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench"
SEED = 1
WORKERS = 2
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CITIES = (10, 1)
SCALE_ROUNDS, SCALE_SECONDS = 3, 2
MIN_REQUESTS = 3  # a round with fewer answered requests says nothing about the median
# Smaller cities for a quick trial of the harness itself (use another DATABASE_URL).
PER_YEAR = int(os.environ.get("BENCH_REMISSER_PER_YEAR", "400"))
REUSED = 3  # generate_city's exit code when the database holds another city


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def app_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url, "DEBUG": "0",
        "SECRET_KEY": "bench-secret-key-not-for-production", "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "REMISS_VAR_DIR": str(VAR),
        "DB_CONN_MAX_AGE": "600", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT),
        "CELERY_TASK_ALWAYS_EAGER": "1", "EMAIL_BACKEND":
            "django.core.mail.backends.locmem.EmailBackend",
    })
    return env


def manage(database_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT,
                          env=app_env(database_url), check=check)


def city_url(base: str, years: int) -> str:
    if years == 10:
        return base
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path}_{years}y"))


def _admin(database_url: str, sql: str) -> None:
    """Run CREATE/DROP DATABASE on the server's maintenance database."""
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(sql)


def _db_name(database_url: str) -> str:
    return urlsplit(database_url).path.lstrip("/")


def recreate_database(database_url: str) -> None:
    name = _db_name(database_url)
    _admin(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(database_url, f'CREATE DATABASE "{name}"')


def ensure_city(database_url: str, years: int) -> None:
    """Reuse the generated city when the database holds the same one; else build it."""
    import psycopg

    try:
        psycopg.connect(database_url).close()
    except psycopg.OperationalError:
        recreate_database(database_url)
    started = time.monotonic()
    for attempt in (1, 2):
        migrated = manage(database_url, "migrate", "--noinput", "-v0", check=False)
        if migrated.returncode == 0:
            generated = manage(database_url, "generate_city", f"--years={years}",
                               f"--seed={SEED}", f"--remisser-per-year={PER_YEAR}",
                               "--reuse", check=False)
            if generated.returncode == 0:
                log(f"{years}-year city ready in {time.monotonic() - started:.0f} s")
                return
            if generated.returncode != REUSED or attempt == 2:
                raise SystemExit(f"generate_city failed ({generated.returncode})")
        elif attempt == 2:
            raise SystemExit("migrate failed on a fresh database")
        log(f"rebuilding the {years}-year city in {_db_name(database_url)}")
        recreate_database(database_url)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(database_url: str):
    """Two sync workers on loopback; yields (base URL, master process)."""
    port = free_port()
    VAR.mkdir(parents=True, exist_ok=True)
    logfile = open(VAR / "gunicorn.log", "a")  # noqa: SIM115 (closed below)
    master = subprocess.Popen(
        [str(BIN / "gunicorn"), "bench.wsgi:application", "--config=python:remiss.gunicorn_conf",
         f"--workers={WORKERS}",
         f"--bind=127.0.0.1:{port}", "--worker-class=sync", "--timeout=60",
         "--log-level=warning"],
        cwd=ROOT, env=app_env(database_url), stdout=logfile, stderr=logfile)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(base, "/halsa/")[0] == 200:
                    break
            except OSError:
                pass
            if master.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {VAR / 'gunicorn.log'}")
            time.sleep(0.2)
        yield base, master
    finally:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            master.kill()
            master.wait()
        logfile.close()


def get(base: str, path: str, cookie: str = "") -> tuple[int, dict, bytes]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def wrk(url: str, cookie: str, *, connections: int, seconds: int) -> dict:
    threads = min(connections, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout=10s",
         "-s", str(ROOT / "bench" / "report.lua"), url, "--", cookie],
        capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    match = re.search(r"^BENCH (\{.*\})$", out, re.M)
    if not match:
        raise RuntimeError(f"wrk printed no figures: {out}")
    return json.loads(match.group(1))


def worker_peak_rss_mb(master: subprocess.Popen) -> float | None:
    """The largest VmHWM (peak resident set) among the master's worker processes."""
    try:
        children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    except OSError:
        return None
    peaks = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return max(peaks) if peaks else None


def prepare(database_url: str) -> list[dict]:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "prepare.py")], cwd=ROOT,
                         env=app_env(database_url), capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["pages"]


def _probe(base: str, entry: dict) -> str | None:
    """None when the page answers 200, else what went wrong."""
    if entry["status"] != "ok":
        return entry["status"]
    status = get(base, entry["path"], entry["cookie"])[0]
    return None if status == 200 else f"fel: HTTP {status}"


def _latency(base: str, entry: dict, seconds: int) -> dict:
    figures = wrk(base + entry["path"], entry["cookie"], connections=1, seconds=seconds)
    if figures["non2xx"] or figures["errors"]:
        raise RuntimeError(f"fel: {figures['non2xx']} svar utan 2xx, {figures['errors']} fel")
    return figures


def measure(base: str, entry: dict, base_1y: str, entry_1y: dict, run: PageRun) -> None:
    """Fill `run`: latency and throughput on the 10-year city, then the scale ratio from
    short runs taken in turn on the 10- and 1-year cities."""
    run.status = _probe(base, entry) or _probe(base_1y, entry_1y) or "ok"
    if run.status != "ok":
        return
    url, cookie = base + entry["path"], entry["cookie"]
    try:  # every step is bounded: wrk by -d and --timeout, get() by its socket timeout
        for b, e in ((base, entry), (base_1y, entry_1y)):
            wrk(b + e["path"], e["cookie"], connections=1, seconds=1)  # warm the caches
        run.queries = int(get(base, entry["path"], cookie)[1].get("X-Bench-Queries", 0))
        latency = _latency(base, entry, SECONDS)
        run.p50_ms, run.p95_ms, run.p99_ms = (latency["p50_ms"], latency["p95_ms"],
                                              latency["p99_ms"])
        run.rps = wrk(url, cookie, connections=8, seconds=SECONDS)["rps"]
        ten, one = [], []
        for _ in range(SCALE_ROUNDS):
            a, b = _latency(base, entry, SCALE_SECONDS), _latency(base_1y, entry_1y,
                                                                   SCALE_SECONDS)
            if min(a["requests"], b["requests"]) >= MIN_REQUESTS:  # else no percentile
                ten.append(a["p50_ms"])
                one.append(b["p50_ms"])
        if ten:
            run.scale_ratio = statistics.median(ten) / statistics.median(one)
    except RuntimeError as exc:
        run.status = str(exc)
    except (OSError, subprocess.SubprocessError) as exc:  # a page too slow to answer
        run.status = f"fel: {type(exc).__name__} ({exc})"[:120]


def run_jobs(database_url: str, *only: str) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "jobs.py"), *only], cwd=ROOT,
                         env=app_env(database_url), capture_output=True, text=True)
    if out.returncode != 0:
        log(f"jobs failed: {out.stderr[-2000:]}")
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    pg = re.findall(r"\d+\.\d+", subprocess.run(["psql", "--version"], capture_output=True,
                                                 text=True).stdout)
    return (f"{os.cpu_count()} × {cpu}, {mem_kb / 1024 / 1024:.0f} GB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"PostgreSQL {pg[0] if pg else '?'}; gunicorn {WORKERS} sync workers, "
            f"wrk {SECONDS} s per run")


def main() -> None:
    started = time.monotonic()
    if not shutil.which("wrk"):
        raise SystemExit("wrk saknas: apt-get install wrk")
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remiss_bench")
    for years in CITIES:
        ensure_city(city_url(base_url, years), years)
    manage(base_url, "collectstatic", "--noinput", "-v0")

    urls = {years: city_url(base_url, years) for years in CITIES}
    entries = {years: prepare(url) for years, url in urls.items()}
    runs: dict[str, PageRun] = {}
    with gunicorn(urls[10]) as (base, master), gunicorn(urls[1]) as (base_1y, _master_1y):
        for entry, entry_1y in zip(entries[10], entries[1], strict=True):
            run = runs[entry["key"]] = PageRun(entry["key"], entry["label"], entry["status"],
                                               entry["url_name"])
            log(f"{entry['key']}: {entry['status']} {entry['path'] or ''}")
            measure(base, entry, base_1y, entry_1y, run)
        rss = worker_peak_rss_mb(master)
    log("background jobs: reminder sweep, PDF, export")
    jobs = run_jobs(base_url)
    sweep_1y = run_jobs(urls[1], "sweep_s").get("sweep_s")

    ceiling = runs.pop("halsa")
    results = build_results(
        date=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(), pages=list(runs.values()), ceiling=ceiling,
        sweep_s=jobs.get("sweep_s"), pdf_10_pages_s=jobs.get("pdf_10_pages_s"),
        export_50_s=jobs.get("export_50_s"), worker_rss_mb=rss,
        largest_document_render_s=jobs.get("largest_document_render_s"),
        largest_document_diff_s=jobs.get("largest_document_diff_s"))
    (ROOT / "bench" / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = render_table(results, [ceiling, *runs.values()], sweep_1y_s=sweep_1y)
    notes = [f"- {k}: {v}" for k, v in jobs.get("notes", {}).items()]
    if notes:
        table += "\nNot measured:\n\n" + "\n".join(notes) + "\n"
    doc = ROOT / "docs" / "performance.md"
    doc.write_text(replace_generated(doc.read_text(encoding="utf-8") if doc.exists() else
                                     "# Performance\n", table), encoding="utf-8")
    print(table)
    log(f"done in {time.monotonic() - started:.0f} s; bench/results.json and "
        f"docs/performance.md written")


if __name__ == "__main__":
    main()
