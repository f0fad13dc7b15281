"""Running queued jobs inside a test: the queue is procrastinate's real table (the request defers
through Django's connection), and each queued run is executed inline by the worker's own function,
so a test sees exactly the file a worker would make."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import connection
from django.http import HttpResponse

from jobs import actions
from jobs.models import Job


def queued_job_ids() -> list[int]:
    """The ids of the jobs waiting in procrastinate's queue, oldest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (args->>'job_id')::bigint FROM procrastinate_jobs"
            " WHERE status = 'todo' AND task_name = 'jobs.run_job' ORDER BY id"
        )
        return [row[0] for row in cursor.fetchall()]


def run_queued_jobs() -> list[Job]:
    """Run every queued job as the worker would, mark its queue entry done; returns the jobs."""
    done = []
    for job_id in queued_job_ids():
        done.append(actions.job_execute(job_id))
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE procrastinate_jobs SET status = 'succeeded'"
                " WHERE status = 'todo' AND task_name = 'jobs.run_job' AND (args->>'job_id')::bigint = %s",
                [job_id],
            )
    return done


class ReadDownload(HttpResponse):
    """A downloaded file already read: its body as `.content` and as `.streaming_content`."""

    @property
    def streaming_content(self):
        return iter([self.content])


def export(client, url: str, params: dict | None = None):
    """POST to an export view (`params` in its query string, as the page's button sends them), run
    the job it queued, and GET its file: the response a user downloads from «Мои файлы»."""
    if params:
        url = f"{url}?{urlencode(params, doseq=True)}"
    response = client.post(url)
    assert response.status_code in (200, 302), response.status_code
    # No progress written on the way: how often it is written depends on the machine's speed (at
    # most every PROGRESS_INTERVAL seconds), and the tests count the export's queries.
    with mock.patch.object(actions, "PROGRESS_INTERVAL", math.inf):
        jobs = run_queued_jobs()
    assert len(jobs) == 1, f"expected one job, got {len(jobs)}"
    job = jobs[0]
    assert job.status == Job.Status.DONE, job.error
    download = client.get(f"/files/{job.uuid}/download/")
    if not download.streaming:
        return download
    # Read once, so that tests written for the former direct download keep using .content (or
    # .streaming_content, as when the file was streamed by the export view itself).
    plain = ReadDownload(b"".join(download.streaming_content), status=download.status_code)
    for header, value in download.items():
        plain[header] = value
    return plain


def worker_database_url() -> str:
    """The URL of the database the tests run against (the test database), for a worker process."""
    base = (
        os.environ.get("DATABASE_URL")
        or (Path(settings.BASE_DIR) / "var" / "database_url").read_text().strip()
    )
    return urlunsplit(urlsplit(base)._replace(path="/" + connection.settings_dict["NAME"]))


def run_worker(queues: str = "exports") -> subprocess.CompletedProcess:
    """One worker process, as `make worker` starts it, that stops once the queue is empty (for
    browser tests against the live server, whose data the worker must see: a transactional test)."""
    env = {**os.environ, "DATABASE_URL": worker_database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    return subprocess.run(  # noqa: S603 — our own manage.py, a fixed argument list
        [sys.executable, "manage.py", "procrastinate", "worker", "--queues", queues, "--one-shot"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
