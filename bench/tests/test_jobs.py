"""The job queue's benchmark measures, run in-process on a small dataset."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection

from bench import jobs as bench_jobs
from jobs.models import Job
from reports.monitoring.tests import stats_data

pytestmark = pytest.mark.django_db


def queue_entries() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'jobs.run_job'")
        return cursor.fetchone()[0]


def test_enqueue_is_timed_over_the_starts_and_leaves_no_job_behind(world):
    stats_data.build(world)
    # A transactional test run before may have left queue entries (the flush between such tests
    # does not empty procrastinate's tables): count what this one leaves.
    queued_before = queue_entries()
    figures = bench_jobs.measure_enqueue(SimpleNamespace(users=world.users), starts=5)
    assert figures["starts"] == 5
    assert 0 < figures["enqueue_p50_ms"] <= figures["enqueue_p95_ms"]
    assert figures["queries"] > 0
    assert Job.objects.count() == 0 and queue_entries() == queued_before


def test_export_runs_the_registry_job_and_counts_its_rows(world):
    stats_data.build(world)
    figures = bench_jobs.export_figures(admin=world.users["admin"])
    # 7 registry rows in school A and 2 in school B (stats_data), every organization of the world.
    assert figures["rows"] == 9
    assert figures["seconds"] > 0 and figures["file_mb"] >= 0
    assert set(figures) >= {"rows", "seconds", "peak_rss_mb"}
    assert Job.objects.count() == 0
