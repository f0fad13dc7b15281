"""`make cluster-check`: two application servers and two job workers on one PostgreSQL and one S3
store, a load through both, 20 exports started from both, one worker killed in the middle of a job.

In a fresh database (`mentoring_cluster` on the project's cluster, migrated, seeded with the demo
school and a few generated ones) and a fresh bucket of an S3 API on loopback (moto in server mode):

1. two gunicorn instances on two free ports and two `procrastinate worker`s, with one environment
   (DEBUG=0, the same SECRET_KEY, DATABASE_URL and S3_*; JOB_STALLED_SECONDS lowered);
2. client threads log in as demo users on one server and go on on the other (the session is
   shared), requesting key pages; any answer but 200 counts as an error (5xx, a lost session,
   a connection error);
3. the admin starts 20 statistics exports (registry, statistical form, meeting journal; all
   organizations and single ones), alternately on each server;
4. as soon as the first worker runs an export, it is killed with SIGKILL; the job must come back
   through `jobs.retry_stalled_jobs` and be done by the other worker;
5. when every job has finished: each Job is done with one succeeded queue row, the killed one was
   started twice and its Job counted two attempts, every other one attempt; each file downloads
   from both servers with the same bytes as the object in the bucket; the bucket holds exactly the
   20 files under jobs/.

Prints a table and the JSON of the figures; exits 1 on any failure. Every process it started is
stopped at the end, also on a failure or Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
BIN = PYTHON.parent
DATABASE = "mentoring_cluster"
LOGS = ROOT / "var" / "cluster-check"
EXPORTS = 20
PASSWORD = "demo"  # noqa: S105 — the demo accounts' published password


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BEGAN = time.monotonic()


def say(text: str) -> None:
    print(f"[{time.monotonic() - BEGAN:6.1f} s] {text}", flush=True)


class Processes:
    """Every process the check starts, stopped in reverse order whatever happens."""

    def __init__(self):
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = open(LOGS / f"{name}.log", "w")  # noqa: SIM115 — closed with the process
        process = subprocess.Popen(  # noqa: S603 — our own programs, fixed arguments
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        self.started.append((name, process))
        return process

    def stop_all(self) -> None:
        for _name, process in reversed(self.started):
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 15
        for _name, process in reversed(self.started):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run(args: list[str], env: dict) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def wait_http(port: int, process: subprocess.Popen, path: str = "/healthz/", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the process on port {port} did not start (see {LOGS})")
        time.sleep(0.3)


# ------------------------------------------------------------------ HTTP clients


@dataclass
class Record:
    server: int
    method: str
    path: str
    status: int  # 0: connection error
    seconds: float
    expected: int = 200

    @property
    def error(self) -> bool:
        return self.status != self.expected


@dataclass
class Recorder:
    records: list[Record] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, record: Record) -> None:
        with self.lock:
            self.records.append(record)


class Client:
    """One user's browser: a cookie jar shared between the servers (one site behind a proxy)."""

    def __init__(self, ports: list[int], recorder: Recorder):
        self.ports = ports
        self.recorder = recorder
        self.cookies: dict[str, str] = {}
        self.connections: dict[int, http.client.HTTPConnection] = {}

    def _connection(self, server: int) -> http.client.HTTPConnection:
        if server not in self.connections:
            self.connections[server] = http.client.HTTPConnection("127.0.0.1", self.ports[server], timeout=60)
        return self.connections[server]

    def request(
        self,
        server: int,
        method: str,
        path: str,
        body: str | None = None,
        headers: dict | None = None,
        expected: int = 200,
    ) -> tuple[int, bytes, dict]:
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        try:
            conn = self._connection(server)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            status = response.status
            answer_headers = {k.lower(): v for k, v in response.getheaders() if k.lower() != "set-cookie"}
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
        except (OSError, http.client.HTTPException):
            self.connections.pop(server, None)
            status, content, answer_headers = 0, b"", {}
        self.recorder.add(
            Record(server, method, path.split("?")[0], status, time.monotonic() - started, expected)
        )
        return status, content, answer_headers

    def login(self, server: int, username: str, login_path: str) -> bool:
        status, page, _ = self.request(server, "GET", login_path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            return False
        body = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": match.group(1).decode()}
        )
        status, _, _ = self.request(server, "POST", login_path, body, expected=302)
        return status == 302

    def post(self, server: int, path: str) -> int:
        status, _, _ = self.request(
            server, "POST", path, "", {"X-CSRFToken": self.cookies.get("csrftoken", "")}
        )
        return status


# ------------------------------------------------------------------ the check


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--organizations", type=int, default=4, help="generated organizations besides the demo one"
    )
    parser.add_argument("--clients", type=int, default=6, help="client threads of the load")
    parser.add_argument("--seconds", type=float, default=40, help="how long the load runs")
    parser.add_argument("--stalled", type=int, default=20, help="JOB_STALLED_SECONDS of the workers")
    parser.add_argument("--timeout", type=float, default=300, help="how long to wait for the jobs")
    args = parser.parse_args()
    LOGS.mkdir(parents=True, exist_ok=True)
    processes = Processes()

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        return check(args, processes)
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    finally:
        processes.stop_all()


def check(args, processes: Processes) -> int:
    began = time.monotonic()
    say(f"fresh database {DATABASE}")
    url = run(["scripts/pg.sh", "recreate-db", DATABASE], os.environ.copy()).strip().splitlines()[-1]

    # boto3 of every process gets dummy keys and no profile: nothing can reach a real store.
    s3_port = free_port()
    bucket = "cluster-check"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "cluster-check-shared-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: production sits behind a TLS proxy.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "JOB_STALLED_SECONDS": str(args.stalled),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "mentoring.settings",
    }
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "CACHE_URL", "MEDIA_ROOT"):
        env.pop(name, None)
        os.environ.pop(name, None)
    os.environ.update(env)

    say(f"S3 (moto server, the seeded files go there too) on 127.0.0.1:{s3_port}")
    moto = processes.start("moto", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)], env)
    wait_http(s3_port, moto, "/")
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=env["S3_ENDPOINT_URL"],
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 — moto accepts any key
        region_name="us-east-1",
    )
    s3.create_bucket(Bucket=bucket)

    # Static files are collected (hashed names and a manifest, for DEBUG=0) while the database
    # is migrated and seeded: they do not need it.
    collectstatic = processes.start(
        "collectstatic", [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v", "0"], env
    )
    say("migrate (and collectstatic beside it)")
    run([str(PYTHON), "manage.py", "migrate", "--noinput", "-v", "0"], env)
    say(f"seed_demo --organizations {args.organizations}")
    run([str(PYTHON), "manage.py", "seed_demo", "--organizations", str(args.organizations)], env)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.urls import reverse

    from jobs.models import Job
    from people.models import Organization

    # Two workers, one after the other, so that each one's row in procrastinate_workers is known.
    worker_args = [str(PYTHON), "manage.py", "procrastinate", "worker", "--queues", "exports,periodic,mail"]
    workers, worker_ids = [], []
    for n in (1, 2):
        before = set(queue_worker_ids(connection))
        process = processes.start(f"worker-{n}", worker_args, env)
        deadline = time.monotonic() + 60
        while not (new := set(queue_worker_ids(connection)) - before):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"worker {n} did not start (see {LOGS}/worker-{n}.log)")
            time.sleep(0.2)
        workers.append(process)
        worker_ids.append(new.pop())
        say(f"worker {n}: pid {process.pid}, queue worker id {worker_ids[-1]}")

    if collectstatic.wait() != 0:
        raise SystemExit(f"collectstatic failed (see {LOGS}/collectstatic.log)")
    ports = [free_port(), free_port()]
    for n, port in enumerate(ports, 1):
        server = processes.start(
            f"web-{n}",
            [
                str(BIN / "gunicorn"),
                "mentoring.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
                "--access-logfile",
                "-",
            ],
            env,
        )
        wait_http(port, server)
        say(f"web {n}: gunicorn on 127.0.0.1:{port}, pid {server.pid}")

    organizations = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    login_path = reverse("login")
    role_pages = {
        "curator": [
            reverse("dashboard"),
            reverse("people:person_list") + "?kind=staff",
            reverse("people:mentor_list"),
            reverse("pairs:pair_list"),
            reverse("statistics:index"),
            reverse("statistics:monitoring"),
        ],
        "director": [reverse("dashboard"), reverse("statistics:index"), reverse("pairs:pair_list")],
        "mentor": [reverse("dashboard"), reverse("pairs:my_pairs")],
        "mentee": [reverse("dashboard")],
        "coordinator": [reverse("dashboard"), reverse("statistics:index"), reverse("statistics:monitoring")],
        "admin": [reverse("statistics:index") + "?org=all", reverse("jobs:list")],
    }
    connection.close()

    # ---- the load: log in on one server, go on on the other, then on both in turn
    load = Recorder()
    login_failures: list[str] = []
    stop_load = time.monotonic() + args.seconds
    users = list(role_pages)

    def browse(n: int) -> None:
        username = users[n % len(users)]
        client = Client(ports, load)
        first = n % 2
        if not client.login(first, username, login_path):
            login_failures.append(f"{username}@web-{first + 1}")
            return
        pages = role_pages[username]
        i = 0
        while time.monotonic() < stop_load:
            client.request((first + 1 + i) % 2, "GET", pages[i % len(pages)])
            i += 1

    say(f"load: {args.clients} clients for {args.seconds:.0f} s through both servers")
    threads = [threading.Thread(target=browse, args=(n,), daemon=True) for n in range(args.clients)]
    for thread in threads:
        thread.start()

    # ---- the killer: the first worker dies while it runs an export
    killed: dict = {}

    def kill_first_worker() -> None:
        from django.db import connection as conn

        deadline = time.monotonic() + 120
        try:
            while time.monotonic() < deadline and not killed:
                # In the middle: the export has reported some progress and is far from writing
                # its file (progress is written at most twice a second, so poll faster).
                held = running_jobs_of(conn, worker_ids[0], in_the_middle=True)
                if held:
                    workers[0].send_signal(signal.SIGKILL)
                    workers[0].wait()
                    state = {
                        job.pk: (job.status, job.attempts, job.progress, job.step)
                        for job in Job.objects.filter(pk__in=held)
                    }
                    killed.update(jobs=held, state=state, at=time.monotonic() - began)
                    return
                time.sleep(0.02)
        finally:
            conn.close()

    killer = threading.Thread(target=kill_first_worker, daemon=True)
    killer.start()

    # ---- the admin starts 20 exports, alternately on each server; the longest ones first
    admin = Client(ports, Recorder())
    if not admin.login(0, "admin", login_path):
        raise SystemExit("the admin cannot log in")
    plan = [("meetings", "all"), ("registry", "all"), ("meetings", "all"), ("form", "all")]
    kinds = ["registry", "form", "meetings"]
    while len(plan) < EXPORTS:
        n = len(plan)
        plan.append((kinds[n % 3], str(organizations[n % len(organizations)]) if n % 4 else "all"))
    enqueue_ms, enqueue_failures = [], []
    first_enqueue = time.monotonic()
    for n, (kind, org) in enumerate(plan):
        path = reverse("statistics:export", args=[kind]) + f"?org={org}"
        started = time.monotonic()
        status = admin.post(n % 2, path)
        enqueue_ms.append((time.monotonic() - started) * 1000)
        if status != 302:
            enqueue_failures.append(f"{kind}/{org}@web-{n % 2 + 1}: {status}")
    say(f"{len(plan)} exports started ({len(enqueue_failures)} refused)")

    killer.join()
    if killed:
        say(f"worker 1 killed (SIGKILL) while running job(s) {killed['jobs']}: {killed['state']}")
    else:
        say("worker 1 never ran an export: nothing killed")
    for thread in threads:
        thread.join()
    say(f"load finished: {len(load.records)} requests")

    # ---- wait for every job
    say(f"waiting for the jobs (stalled after {args.stalled} s, retried by the periodic task)")
    deadline = time.monotonic() + args.timeout
    while Job.objects.unfinished().exists() and time.monotonic() < deadline:
        time.sleep(1)
    jobs_seconds = time.monotonic() - first_enqueue
    total_seconds = time.monotonic() - began

    # ---- the verdicts
    failures: list[str] = []
    jobs = list(Job.objects.order_by("pk"))
    queue = queue_rows(connection)
    if len(jobs) != EXPORTS:
        failures.append(f"{len(jobs)} Job rows instead of {EXPORTS}")
    killed_ids = set(killed.get("jobs", ()))
    if not killed_ids:
        failures.append("no job was in flight on the killed worker")
    for job_id, (status, _attempts, _progress, _step) in killed.get("state", {}).items():
        if status != Job.Status.RUNNING:
            failures.append(f"job {job_id} was {status}, not running, when its worker was killed")
    retried = 0
    for job in jobs:
        rows = queue.get(job.pk, [])
        succeeded = [row for row in rows if row["status"] == "succeeded"]
        if job.status != Job.Status.DONE:
            failures.append(f"job {job.pk} ({job.title}) is {job.status}: {job.error or job.step}")
        if len(rows) != 1 or len(succeeded) != 1:
            failures.append(f"job {job.pk}: queue rows {[r['status'] for r in rows]}, one succeeded expected")
        starts = sum(row["started"] for row in rows)
        expected = 2 if job.pk in killed_ids else 1
        if job.attempts != expected or starts != expected:
            failures.append(f"job {job.pk}: {job.attempts} attempts, {starts} starts; {expected} expected")
        if job.pk in killed_ids and starts == 2 and sum(row["retried"] for row in rows) == 1:
            retried += 1
    if len(killed_ids) != retried:
        failures.append(f"{len(killed_ids)} job(s) killed, {retried} retried by the stalled-job task")

    objects = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="jobs/"):
        for item in page.get("Contents", []):
            objects[item["Key"]] = item["Key"]
    if len(objects) != EXPORTS:
        failures.append(f"{len(objects)} files under jobs/ in the bucket instead of {EXPORTS}")

    downloads = Recorder()
    admin.recorder = downloads
    identical = 0
    for job in jobs:
        if job.status != Job.Status.DONE:
            continue
        stored = hashlib.sha256(s3.get_object(Bucket=bucket, Key=job.result.name)["Body"].read()).hexdigest()
        path = reverse("jobs:download", args=[job.uuid])
        digests = []
        for server in (0, 1):
            status, content, _ = admin.request(server, "GET", path)
            digests.append(hashlib.sha256(content).hexdigest() if status == 200 else f"HTTP {status}")
        if digests == [stored, stored]:
            identical += 1
        else:
            failures.append(f"job {job.pk}: download {digests}, stored {stored}")

    errors = [r for r in load.records + downloads.records if r.error]
    if errors:
        by_status: dict[int, int] = {}
        for r in errors:
            by_status[r.status] = by_status.get(r.status, 0) + 1
        failures.append(f"{len(errors)} request errors by status {by_status}")
        for r in errors[:10]:
            failures.append(f"  web-{r.server + 1} {r.method} {r.path}: {r.status}, {r.expected} expected")
    if login_failures:
        failures.append(f"logins refused: {login_failures}")
    if enqueue_failures:
        failures.append(f"exports refused: {enqueue_failures}")

    report = {
        "organizations": len(organizations),
        "servers": [],
        "load": {
            "clients": args.clients,
            "seconds": args.seconds,
            "requests": len(load.records),
            "errors": sum(1 for r in load.records if r.error),
            "server_errors_5xx": sum(1 for r in load.records if r.status >= 500),
            "connection_errors": sum(1 for r in load.records if r.status == 0),
        },
        "exports": {
            "started": len(plan),
            "enqueue_p50_ms": round(statistics.median(enqueue_ms), 1),
            "enqueue_max_ms": round(max(enqueue_ms), 1),
            "jobs": len(jobs),
            "done": sum(1 for job in jobs if job.status == Job.Status.DONE),
            "killed_worker_jobs": sorted(killed_ids),
            "killed_at_s": round(killed["at"] - (first_enqueue - began), 1) if killed else None,
            "killed_while": {
                str(pk): {"status": status, "progress": progress, "step": step}
                for pk, (status, _attempts, progress, step) in killed.get("state", {}).items()
            },
            "retried": retried,
            "files_in_bucket": len(objects),
            "downloads_identical_on_both_servers": identical,
            "download_errors": sum(1 for r in downloads.records if r.error),
        },
        "jobs_seconds": round(jobs_seconds, 1),
        "seconds": round(total_seconds, 1),
        "failures": failures,
        "ok": not failures,
    }
    for server, port in enumerate(ports):
        records = [r for r in load.records if r.server == server]
        latencies = sorted(r.seconds * 1000 for r in records)
        report["servers"].append(
            {
                "server": f"web-{server + 1}",
                "port": port,
                "requests": len(records),
                "errors": sum(1 for r in records if r.error),
                "p50_ms": round(percentile(latencies, 0.50), 1) if latencies else None,
                "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
            }
        )
    print_table(report)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    (LOGS / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print("cluster-check:", "OK" if report["ok"] else "FAILED")
    connection.close()
    return 0 if report["ok"] else 1


def percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(q * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def queue_worker_ids(connection) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM procrastinate_workers")
        return [row[0] for row in cursor.fetchall()]


def running_jobs_of(connection, worker_id: int, in_the_middle: bool = False) -> list[int]:
    """Our Job ids that the queue worker runs now and that are running on our side too; with
    `in_the_middle`, only those that have reported progress and are not yet writing the file."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT j.id FROM procrastinate_jobs q JOIN jobs_job j ON j.id = (q.args->>'job_id')::bigint"
            " WHERE q.status = 'doing' AND q.worker_id = %s AND q.task_name = 'jobs.run_job'"
            " AND j.status = 'running' AND (NOT %s OR j.progress BETWEEN 1 AND 89)",
            [worker_id, in_the_middle],
        )
        return [row[0] for row in cursor.fetchall()]


def queue_rows(connection) -> dict[int, list[dict]]:
    """procrastinate's rows of every run_job, by our Job id, with their starts and retries."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (q.args->>'job_id')::bigint, q.id, q.status, q.attempts,"
            " (SELECT count(*) FROM procrastinate_events e WHERE e.job_id = q.id AND e.type = 'started'),"
            " (SELECT count(*) FROM procrastinate_events e WHERE e.job_id = q.id"
            "  AND e.type = 'deferred_for_retry')"
            " FROM procrastinate_jobs q WHERE q.task_name = 'jobs.run_job'"
        )
        rows: dict[int, list[dict]] = {}
        for job_id, queue_id, status, attempts, started, retried in cursor.fetchall():
            rows.setdefault(job_id, []).append(
                {
                    "id": queue_id,
                    "status": status,
                    "attempts": attempts,
                    "started": started,
                    "retried": retried,
                }
            )
        return rows


def print_table(report: dict) -> None:
    print()
    print(f"{'server':<8} {'port':>6} {'requests':>9} {'errors':>7} {'p50, ms':>8} {'p95, ms':>8}")
    for row in report["servers"]:
        print(
            f"{row['server']:<8} {row['port']:>6} {row['requests']:>9} {row['errors']:>7}"
            f" {row['p50_ms']!s:>8} {row['p95_ms']!s:>8}"
        )
    load, exports = report["load"], report["exports"]
    lines = [
        ("organizations", report["organizations"]),
        ("requests (load)", load["requests"]),
        (
            "errors (5xx, connection, other)",
            f"{load['errors']} ({load['server_errors_5xx']}, "
            f"{load['connection_errors']}, {load['errors'] - load['server_errors_5xx'] - load['connection_errors']})",
        ),
        (
            "exports started",
            f"{exports['started']} (enqueue p50 {exports['enqueue_p50_ms']} ms,"
            f" max {exports['enqueue_max_ms']} ms)",
        ),
        ("jobs done / rows", f"{exports['done']} / {exports['jobs']}"),
        (
            "killed worker's jobs",
            f"{exports['killed_worker_jobs']}, {exports['killed_at_s']} s after the first export",
        ),
        *(
            (f"  job {pk} when killed", f"{row['status']}, {row['progress']} %, «{row['step']}»")
            for pk, row in exports["killed_while"].items()
        ),
        ("retried and done once", exports["retried"]),
        ("files in the bucket (jobs/)", exports["files_in_bucket"]),
        (
            "same bytes from both servers",
            f"{exports['downloads_identical_on_both_servers']}"
            f" (download errors {exports['download_errors']})",
        ),
        ("seconds, first export to last job", report["jobs_seconds"]),
        ("seconds, whole check", report["seconds"]),
    ]
    print()
    for label, value in lines:
        print(f"{label:<36} {value}")
    for failure in report["failures"]:
        print(f"FAILED: {failure}")
    print()


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
