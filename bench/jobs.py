"""Measurements of the job queue for `make bench` (bench/run.py calls both):

- `measure_enqueue(ctx)`: the POST that starts the registry export of all organizations, as the
  admin's button sends it (in-process test client, production settings), timed over `STARTS`
  starts after warm-up: `{"enqueue_p95_ms", "enqueue_p50_ms", "starts", "queries"}`. The jobs
  and their queue entries are removed afterwards (no worker runs during the benchmark).
- `measure_region_export()`: the same export run by the job's own function, as the worker runs
  it (`jobs.actions.job_execute`: progress reporter, file stored in the default storage), in a
  fresh Python process so that its peak resident memory is the job's own:
  `{"rows", "seconds", "peak_rss_mb", "maxrss_mb", "progress_updates", "file_mb"}`. `rows`
  counts the registry's data rows (the four queries of `exports._registry_querysets`);
  `progress_updates` is how many distinct values of the job's progress bar another connection
  saw while it ran.

Alone, against the benchmark database: `.venv/bin/python -m bench.jobs [export|enqueue]`.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTS = 60
WARM_UP = 3


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered)) - 1))]


def _registry_parameters(organizations, year) -> dict:
    from reports.monitoring import exports, tasks

    scope = exports.Scope(organizations, year)
    return {**tasks.scope_parameters(scope), "export": "registry", "names_for": []}


def _discard(job_ids: list[int]) -> None:
    """Remove the jobs started for the measure and their queue entries."""
    from django.db import connection

    from jobs.models import Job

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM procrastinate_jobs WHERE task_name = 'jobs.run_job'"
            " AND (args->>'job_id')::bigint = ANY(%s)",
            [job_ids],
        )
    for job in Job.objects.filter(pk__in=job_ids):
        if job.result:
            job.result.delete(save=False)
        job.delete()


def measure_enqueue(ctx=None, starts: int = STARTS) -> dict:
    """p50/p95 of the POST starting the registry export of every organization (the admin)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from jobs.models import Job
    from people.models import User

    admin = ctx.users["admin"] if ctx is not None else User.objects.get(username="admin")
    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("statistics:export", args=["registry"]) + "?org=all"
    first = Job.objects.order_by("-id").values_list("id", flat=True).first() or 0
    timings = []
    try:
        for _ in range(WARM_UP):
            assert client.post(url).status_code == 302
        with CaptureQueriesContext(connection) as captured:
            client.post(url)
        queries = len(captured)  # read now: the next request resets the connection's log
        for _ in range(starts):
            t0 = time.perf_counter()
            response = client.post(url)
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 302, response.status_code
    finally:
        _discard(list(Job.objects.filter(pk__gt=first, owner=admin).values_list("id", flat=True)))
    return {
        "enqueue_p50_ms": round(statistics.median(timings), 1),
        "enqueue_p95_ms": round(_percentile(timings, 0.95), 1),
        "starts": len(timings),
        "queries": queries,
    }


def _registry_rows(scope, today) -> int:
    from reports.monitoring import exports

    return sum(qs.count() for _, qs in exports._registry_querysets(scope.org_ids, scope.year, today))


class _ProgressWatch:
    """Reads the job's progress every 0.1 s on a connection of its own (as the page polls it)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.values: list[int] = []

    def __enter__(self) -> _ProgressWatch:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self) -> None:
        from django.db import connection

        from jobs.models import Job

        try:
            while not self._stop.wait(0.1):
                percent = Job.objects.filter(pk=self.job_id).values_list("progress", flat=True).first()
                if percent is not None and (not self.values or self.values[-1] != percent):
                    self.values.append(percent)
        finally:
            connection.close()

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def export_figures(admin=None) -> dict:
    """Run the registry export of every organization as the worker runs a job; in this process."""
    from django.utils import timezone

    from bench.hooks import PeakRss
    from jobs import actions
    from jobs.models import Job
    from people.models import AcademicYear, Organization, User
    from reports.monitoring import exports

    admin = admin or User.objects.get(username="admin")
    organizations = list(Organization.objects.order_by("short_name"))
    year = AcademicYear.objects.current()
    today = timezone.localdate()
    rows = _registry_rows(exports.Scope(organizations, year), today)
    job = Job.objects.create(
        owner=admin,
        organization=organizations[0],
        kind="statistics_export",
        title="Реестр участников, все организации (бенчмарк)",
        parameters=_registry_parameters(organizations, year),
    )
    try:
        maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with _ProgressWatch(job.pk) as watch, PeakRss() as memory:
            started = time.perf_counter()
            done = actions.job_execute(job.pk)
            seconds = time.perf_counter() - started
        maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert done.status == Job.Status.DONE, done.error
        size = done.result.size
    finally:
        _discard([job.pk])
    return {
        "rows": rows,
        "organizations": len(organizations),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(memory.growth, 1),
        # The kernel's peak over the process's life, before and after: the same growth seen
        # without sampling (it cannot miss a short peak between two samples).
        "maxrss_mb": round(maxrss_after - maxrss_before, 1),
        "progress_updates": len(watch.values),
        "progress_seen": watch.values[:: max(1, len(watch.values) // 12)] + watch.values[-1:],
        "file_mb": round(size / 2**20, 1),
    }


def _in_subprocess(what: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "mentoring.settings"),
    }
    result = subprocess.run(  # noqa: S603 (our own module, fixed arguments)
        [sys.executable, "-m", "bench.jobs", what],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_region_export() -> dict:
    """`export_figures()` in a fresh Python process (same settings and database)."""
    return _in_subprocess("export")


if __name__ == "__main__":
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    django.setup()
    what = sys.argv[1] if len(sys.argv) > 1 else "export"
    print(json.dumps(export_figures() if what == "export" else measure_enqueue()))
