"""`make bench`: seed a separate benchmark database at municipality scale and measure.

Prints a table and writes bench/results.json (keys: dataset, pages, throughput, excel, pdf, people_import, jobs; region).
QUICK=1 runs the same at a tenth of the scale.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
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
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
BENCH_DB = "mentoring_bench"
REGION_DB = "mentoring_region"
REGION_ORGANIZATIONS = 500
REGION_CHUNK = 25  # organizations seeded per transaction: memory stays that of 25 schools
PASSWORD = "demo"


@dataclass
class Context:
    org: object
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def production_env(database_url: str) -> dict[str, str]:
    """Settings as in production (DEBUG off, hashed static files), minus TLS, which a proxy adds."""
    return {
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "AXES_FAILURE_LIMIT": "10000",
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q * len(ordered)) - 1))
    return ordered[index]


SURVEY_CAMPAIGNS = 5
SURVEY_RESPONSES = 2000  # per campaign at full scale; a tenth with --quick


def seed(organizations: int, survey_responses: int = SURVEY_RESPONSES, chunk: int | None = None) -> dict:
    """Migrate, seed the demo school and `organizations` generated ones (in transactions of `chunk`
    organizations when given), then the survey campaigns, then ANALYZE."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from mentoring import demo

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    migrate_s = time.monotonic() - started
    started = time.monotonic()
    if chunk is None:
        call_command("seed_demo", organizations=organizations, verbosity=0)
    else:
        call_command("seed_demo", verbosity=0)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for n, first in enumerate(range(0, organizations, chunk)):
                demo.seed_organizations(min(chunk, organizations - first), seed=2024 + n)
                print(
                    f"  seeded {first + chunk} organizations, {time.monotonic() - started:.0f} s", flush=True
                )
    seed_s = time.monotonic() - started
    started = time.monotonic()
    seed_surveys(survey_responses)
    surveys_s = time.monotonic() - started
    # A production database has planner statistics; a freshly bulk-loaded one may not yet.
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    analyze_s = time.monotonic() - started
    timings = {
        "migrate_s": round(migrate_s, 1),
        "seed_s": round(seed_s, 1),
        "surveys_s": round(surveys_s, 1),
        "analyze_s": round(analyze_s, 1),
    }
    if chunk is not None:
        # The bulk load marked every kept figure stale: the yearly figures of every organization
        # are computed once here, as the periodic job would, so no measured page computes them.
        started = time.monotonic()
        call_command("refresh_figures", all=True, verbosity=0)
        timings["figures_s"] = round(time.monotonic() - started, 1)
    return timings


def seed_surveys(responses: int) -> None:
    """Finished campaigns with `responses` answers each in the measured organization."""
    from django.db import transaction

    from mentoring.demo.surveys import seed_bench
    from people.models import Organization

    org = Organization.objects.filter(slug__startswith="gen-").order_by("id").first()
    with transaction.atomic():
        seed_bench(org, campaigns=SURVEY_CAMPAIGNS, responses=responses)


def dataset_counts() -> dict:
    from django.apps import apps

    wanted = {
        "organizations": "people.Organization",
        "staff": ("people.Person", {"kind": "staff"}),
        "students": ("people.Person", {"kind": "student"}),
        "mentors": "people.Mentor",
        "mentees": "people.Mentee",
        "pairs": "pairs.Pair",
        "meetings": "pairs.Meeting",
        "feedback": "pairs.Feedback",
        "roadmaps": "roadmap.Roadmap",
        "activities": "roadmap.Activity",
        "survey_responses": "surveys.SurveyResponse",
        "survey_answers": "surveys.Answer",
    }
    counts = {}
    for key, spec in wanted.items():
        label, filters = (spec, {}) if isinstance(spec, str) else spec
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        counts[key] = model.objects.filter(**filters).count()
    return counts


def context() -> Context:
    from people.models import Membership, Organization, User

    org = Organization.objects.filter(slug__startswith="gen-").order_by("id").first()
    ctx = Context(org=org)
    for role in ("curator", "director", "mentor", "mentee"):
        membership = Membership.objects.filter(organization=org, role=role).select_related("user").first()
        if membership:
            ctx.users[role] = membership.user
    ctx.users["admin"] = User.objects.get(username="admin")
    from bench.pages import _busiest_mentor_user

    ctx.users["mentor"] = _busiest_mentor_user(ctx)
    return ctx


def measure_pages(ctx: Context, requests: int, pages: list | None = None) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import PAGES

    rows = []
    for name, role, build in PAGES if pages is None else pages:
        user = ctx.users.get(role)
        if user is None:
            continue
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        url = build(ctx)
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, f"{name}: {url} → {response.status_code}"
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        # captured_queries is read from the connection's log, which the next request resets.
        query_count = len(queries)
        timings, cpu = [], []
        for _ in range(requests):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        rows.append(
            {
                "name": name,
                "url": url,
                "queries": query_count,
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(percentile(timings, 0.95), 1),
                # The Python process's own CPU time: what load from other processes does not inflate
                # (the database's share is not in it).
                "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
            }
        )
    return rows


class HttpClient:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request("POST" if body is not None else "GET", path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def login(self, username: str) -> None:
        _, page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        )
        status, _ = self.get("/accounts/login/", body)
        if status != 302:
            raise RuntimeError(f"login of {username} failed: {status}")


SLICES = 5  # each measured page alternates with its two references this many times


def logged_in(port: int, username: str, concurrency: int = 8) -> list[HttpClient]:
    clients = [HttpClient(port) for _ in range(concurrency)]
    for client in clients:
        client.login(username)
    return clients


def requests_in(clients: list[HttpClient], url: str, seconds: float) -> tuple[int, float]:
    """(successful requests, elapsed seconds) of `clients` hammering `url` for `seconds`."""
    counts = [0] * len(clients)
    errors = [0] * len(clients)
    started = time.monotonic()
    stop_at = started + seconds

    def work(i: int) -> None:
        while time.monotonic() < stop_at:
            status, _ = clients[i].get(url)
            if status == 200:
                counts[i] += 1
            else:
                errors[i] += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if sum(errors):
        raise RuntimeError(f"{url}: {sum(errors)} failed requests")
    return sum(counts), time.monotonic() - started


def free_port() -> int:
    """A loopback port nothing listens on: with a fixed port, a second benchmark running on the
    same machine made gunicorn fail to bind, and the clients measured the other one's server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_throughput(ctx: Context, database_url: str, seconds: float) -> list[dict]:
    """Requests per second of each list page, of the minimal page and of the admin changelist.

    The three are measured in alternating slices over the same window, so that whatever else the
    machine is doing weighs on all three alike and their ratios stay meaningful.
    """
    from bench.pages import ADMIN_PAGES, LIMIT_PAGE, THROUGHPUT

    port = free_port()
    env = {**os.environ, **production_env(database_url)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "mentoring.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        for _ in range(100):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                probe.request("GET", "/healthz/")
                probe.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        pools: dict[str, list[HttpClient]] = {}

        def pool(username: str) -> list[HttpClient]:
            if username not in pools:
                pools[username] = logged_in(port, username)
            return pools[username]

        _, limit_role, limit_url = LIMIT_PAGE
        for name, role, build in THROUGHPUT:
            runs = {
                "page": (pool(ctx.users[role].username), build(ctx)),
                "limit": (pool(ctx.users[limit_role].username), limit_url(ctx)),
                "admin": (pool("admin"), ADMIN_PAGES[name](ctx)),
            }
            done = {key: [0, 0.0] for key in runs}
            for _ in range(SLICES):
                for key, (clients, url) in runs.items():
                    n, elapsed = requests_in(clients, url, seconds / SLICES)
                    done[key][0] += n
                    done[key][1] += elapsed
            measured, limit, admin = (done[key][0] / done[key][1] for key in ("page", "limit", "admin"))
            rows.append(
                {
                    "name": name,
                    "rps": round(measured, 1),
                    "limit_rps": round(limit, 1),
                    "admin_rps": round(admin, 1),
                    "ratio_to_limit": round(measured / limit, 2),
                    "ratio_to_admin": round(measured / admin, 2),
                }
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
    return rows


def measure_excel(ctx: Context, target_rows: int) -> dict | None:
    """The full participant registry against plain openpyxl writing the same rows."""
    try:
        from bench import hooks as bench_hooks
    except ImportError:
        return None
    return bench_hooks.measure_excel(target_rows)


def measure_pdf(ctx: Context) -> dict | None:
    try:
        from bench import hooks as bench_hooks
    except ImportError:
        return None
    return bench_hooks.measure_pdf(ctx.org)


def measure_people_import(ctx: Context) -> dict:
    from bench.people_import import measure

    return measure(ctx.org)


def measure_jobs(ctx: Context, export: bool) -> dict:
    """The POST that starts an export (`enqueue_p95_ms`) and, but at region scale (where it is
    the region's `export`), the registry of all organizations run as a job (bench/jobs.py)."""
    from bench import jobs as bench_jobs

    figures = bench_jobs.measure_enqueue(ctx)
    if export:
        figures["export"] = bench_jobs.measure_region_export()
    return figures


def database_url(name: str, reuse: bool) -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    if reuse:
        return (ROOT / "var/database_url").read_text().strip().rsplit("/", 1)[0] + "/" + name
    command = [str(ROOT / "scripts/pg.sh"), "recreate-db", name]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tenth of the scale")
    parser.add_argument(
        "--scale", choices=["quick", "full", "region"], help="quick (5 schools), full (50), region (500)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the existing benchmark database")
    parser.add_argument("--seed-only", action="store_true", help="seed the database and stop")
    parser.add_argument("--pages-only", action="store_true", help="measure the key pages only")
    args = parser.parse_args()
    scale = args.scale or ("quick" if args.quick else "full")
    region = scale == "region"
    organizations = {"quick": 5, "full": 50, "region": REGION_ORGANIZATIONS}[scale]

    url = database_url(REGION_DB if region else BENCH_DB, args.reuse)
    os.environ.update(production_env(url))
    import django

    django.setup()

    if args.reuse:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        # A migration may have marked the kept figures stale; the periodic job would refresh them.
        started = time.monotonic()
        call_command("refresh_figures", verbosity=0)
        timings = {"figures_s": round(time.monotonic() - started, 1)}
    else:
        responses = SURVEY_RESPONSES // 10 if scale == "quick" else SURVEY_RESPONSES
        timings = seed(organizations, responses, chunk=REGION_CHUNK if region else None)
        print("seeded:", timings, flush=True)
    if args.seed_only:
        return 0
    ctx = context()
    results = {"dataset": {"scale": scale, **dataset_counts(), **timings}, "pages": measure_pages(ctx, 50)}
    if not args.pages_only:
        results.update(
            throughput=measure_throughput(ctx, url, 5 if scale == "quick" else 10),
            excel=measure_excel(ctx, 5_000 if scale == "quick" else 50_000),
            pdf=measure_pdf(ctx),
            people_import=measure_people_import(ctx),
            jobs=measure_jobs(ctx, export=not region),
        )
    out = ROOT / "bench" / "results.json"
    if region:
        # The region's section is added to the figures of the last run; with --pages-only the
        # region's page figures go into that section only.
        measured = {} if args.pages_only else results
        results = {**_previous(out), **measured, "region": measure_region(ctx, timings, results["pages"])}
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print_table(results)
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0


def _previous(out: Path) -> dict:
    try:
        return json.loads(out.read_text())
    except (OSError, ValueError):
        return {}


def measure_region(ctx: Context, timings: dict, pages: list[dict]) -> dict:
    """The region's figures: every organization-scoped key page (as in `pages`) and the
    cross-organization statistics and monitoring of the global admin, and the registry export of
    every organization run as a job (bench/jobs.py)."""
    from bench.pages import REGION_PAGES
    from people.models import Organization

    pages = pages + measure_pages(ctx, 50, REGION_PAGES)
    region = {
        "organizations": Organization.objects.count(),
        "seed_s": timings.get("seed_s"),
        "pages": [
            {k: row[k] for k in ("name", "queries", "p50_ms", "p95_ms", "cpu_p95_ms")} for row in pages
        ],
    }
    from bench import jobs as bench_jobs

    region["export"] = bench_jobs.measure_region_export()
    return region


def print_table(results: dict) -> None:
    print("dataset:", ", ".join(f"{k}={v}" for k, v in results.get("dataset", {}).items()))
    print(f"\n{'page':34} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'CPU p95':>8}")
    for row in results.get("region", results)["pages"]:
        cpu = row.get("cpu_p95_ms", "")
        print(f"{row['name']:34} {row['queries']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8} {cpu:>8}")
    if "throughput" not in results:
        return
    print(f"\n{'throughput':34} {'rps':>7} {'limit':>7} {'admin':>7} {'/limit':>7} {'/admin':>7}")
    for row in results["throughput"]:
        print(
            f"{row['name']:34} {row['rps']:>7} {row['limit_rps']:>7} {row['admin_rps']:>7} "
            f"{row['ratio_to_limit']:>7} {row['ratio_to_admin']:>7}"
        )
    if results["excel"]:
        print("\nexcel:", results["excel"])
    if results["pdf"]:
        print("pdf:", results["pdf"])
    print("people import:", results["people_import"])
    if results.get("jobs"):
        print("jobs:", results["jobs"])
    if results.get("region", {}).get("export"):
        print("region export:", results["region"]["export"])


if __name__ == "__main__":
    sys.exit(main())
