"""The life of a job: queued at once, run with progress, stored once, failed with a message,
retried, restarted after a dead worker, expired."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import OperationalError, connection
from django.utils import timezone

from jobs import actions
from jobs.models import Job
from jobs.registry import JobFailed
from jobs.testing import queued_job_ids, run_queued_jobs
from jobs.tests.factories import finished_job

pytestmark = pytest.mark.django_db


def start(world, name, role="curator"):
    return actions.job_start(actor=world.users[role], organization=world.org, kind=name, title="Проверка")


def test_start_queues_the_job_in_procrastinate(world, kind):
    name = kind(lambda job, progress: ("f.txt", b"x"))
    job = start(world, name)
    assert job.status == Job.Status.QUEUED and job.progress == 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT queue_name, task_name, args::text FROM procrastinate_jobs WHERE id = %s",
            [job.procrastinate_job_id],
        )
        queue, task, args = cursor.fetchone()
    assert (queue, task, json.loads(args)) == ("exports", "jobs.run_job", {"job_id": job.pk})


def test_a_role_without_the_permission_cannot_start(world, kind):
    name = kind(lambda job, progress: ("f.txt", b"x"))
    with pytest.raises(PermissionDenied):
        start(world, name, role="mentor")
    assert not Job.objects.exists() and queued_job_ids() == []


def test_run_reports_progress_and_stores_the_file_for_seven_days(world, kind):
    seen = []

    def run(job, progress):
        progress(40, "Половина")
        seen.append(Job.objects.values_list("status", "progress", "step").get(pk=job.pk))
        return "Итог.xlsx", b"content"

    job = start(world, kind(run))
    [job] = run_queued_jobs()
    assert seen == [(Job.Status.RUNNING, 40, "Половина")]
    assert job.status == Job.Status.DONE and job.progress == 100 and job.filename == "Итог.xlsx"
    assert job.expires_at - job.finished_at == timedelta(days=7)
    with default_storage.open(job.result.name) as stored:
        assert stored.read() == b"content"
    assert job.result.name == f"jobs/{job.uuid}/result.xlsx"


def test_progress_is_written_at_most_once_per_interval(world, kind):
    job = start(world, kind(lambda job, progress: ("f", b"")))
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    reporter = actions.ProgressReporter(job, interval=3600)
    reporter(10, "первый")
    reporter(60, "второй")
    job.refresh_from_db()
    assert (job.progress, job.step) == (10, "первый")


def test_a_failure_shows_its_russian_message_and_retry_runs_it_again(world, kind):
    attempts = []

    def run(job, progress):
        attempts.append(1)
        if len(attempts) == 1:
            raise JobFailed("За выбранный учебный год данных нет.")
        return "f.txt", b"ok"

    job = start(world, kind(run))
    [job] = run_queued_jobs()
    assert job.status == Job.Status.FAILED and job.error == "За выбранный учебный год данных нет."
    first_queue_id = job.procrastinate_job_id
    job = actions.job_retry(job, actor=world.users["curator"])
    assert job.status == Job.Status.QUEUED and job.error == "" and job.procrastinate_job_id != first_queue_id
    [job] = run_queued_jobs()
    assert job.status == Job.Status.DONE and len(attempts) == 2


def test_an_unexpected_error_is_a_generic_message_not_a_traceback(world, kind):
    def run(job, progress):
        raise ValueError("secret internals")

    start(world, kind(run))
    [job] = run_queued_jobs()
    assert job.status == Job.Status.FAILED and job.error == actions.GENERIC_ERROR
    assert "secret" not in job.error


def test_only_the_owner_retries(world, kind):
    job = start(world, kind(lambda job, progress: ("f", b"")))
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED)
    with pytest.raises(PermissionDenied):
        actions.job_retry(job, actor=world.users["director"])


def test_a_lost_connection_is_left_to_the_queue_until_the_last_attempt(world, kind):
    def run(job, progress):
        raise OperationalError("server closed the connection unexpectedly")

    job = start(world, kind(run))
    with pytest.raises(OperationalError):
        actions.job_execute(job.pk, final_attempt=False)
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    job = actions.job_execute(job.pk, final_attempt=True)
    assert job.status == Job.Status.FAILED and job.attempts == 2


def test_a_job_is_done_once(world, kind):
    runs = []

    def run(job, progress):
        runs.append(1)
        return "f.txt", b"once"

    job = start(world, kind(run))
    actions.job_execute(job.pk)
    actions.job_execute(job.pk)  # the queue delivered it twice (a retry of a run that finished)
    assert len(runs) == 1


def test_when_two_runs_race_the_first_file_is_kept(world, kind):
    def run(job, progress):
        # Another worker (taken for dead, only slow) finishes while this run is still writing.
        other = finished_job(job.owner, job.organization, content=b"first")
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.DONE,
            result=other.result.name,
            finished_at=other.finished_at,
            expires_at=other.expires_at,
            filename="first.txt",
        )
        return "second.txt", b"second"

    job = start(world, kind(run))
    job = actions.job_execute(job.pk)
    assert job.filename == "first.txt"
    with job.result.open("rb") as stored:
        assert stored.read() == b"first"
    assert not default_storage.exists(f"jobs/{job.uuid}/result.txt")


def test_a_job_left_running_by_a_dead_worker_starts_again(world, kind):
    job = start(world, kind(lambda job, progress: ("f.txt", b"again")))
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1, progress=63)
    job = actions.job_execute(job.pk)
    assert job.status == Job.Status.DONE and job.attempts == 2


def test_expired_results_are_deleted_with_their_files(world):
    old = finished_job(world.users["curator"], world.org, content=b"old")
    fresh = finished_job(world.users["curator"], world.org, content=b"fresh")
    Job.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert actions.jobs_purge_expired() == 1
    assert list(Job.objects.all()) == [fresh]
    assert not default_storage.exists(old.result.name) and default_storage.exists(fresh.result.name)


@pytest.mark.parametrize("store", ["disk", "s3"])
def test_expiry_also_deletes_the_file_of_a_run_that_died_before_recording_it(world, store, request):
    if store == "s3":
        request.getfixturevalue("s3_storage")
    job = finished_job(world.users["curator"], world.org, content=b"kept")
    orphan = default_storage.save(f"jobs/{job.uuid}/result.xlsx", ContentFile(b"of a killed run"))
    other = finished_job(world.users["curator"], world.org, content=b"other")
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert actions.jobs_purge_expired() == 1
    assert not default_storage.exists(job.result.name) and not default_storage.exists(orphan)
    assert default_storage.exists(other.result.name)


def test_the_queue_entry_of_a_dead_worker_goes_back_to_the_queue(world, kind, settings):
    """`retry_stalled_jobs` against procrastinate's real tables: a job held by a worker whose
    heartbeat stopped becomes «todo» again; one of a live worker stays where it is."""
    from asgiref.sync import async_to_sync
    from procrastinate.contrib.django import app

    from jobs.tasks import retry_stalled_jobs

    settings.JOB_STALLED_SECONDS = 60
    name = kind(lambda job, progress: ("f", b""))
    dead_job, live_job = start(world, name), start(world, name)
    with connection.cursor() as cursor:
        for job, age in ((dead_job, "10 minutes"), (live_job, "1 second")):
            cursor.execute(
                "INSERT INTO procrastinate_workers (last_heartbeat) VALUES (now() - %s::interval) RETURNING id",
                [age],
            )
            worker_id = cursor.fetchone()[0]
            cursor.execute(
                "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s WHERE id = %s",
                [worker_id, job.procrastinate_job_id],
            )
    context = SimpleNamespace(app=app)  # what the task reads of its JobContext
    async_to_sync(retry_stalled_jobs.func)(context, timestamp=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, status FROM procrastinate_jobs WHERE id IN (%s, %s)",
            [dead_job.procrastinate_job_id, live_job.procrastinate_job_id],
        )
        statuses = dict(cursor.fetchall())
    assert statuses == {dead_job.procrastinate_job_id: "todo", live_job.procrastinate_job_id: "doing"}


def test_apply_once_makes_the_change_once_and_its_record_expires_with_the_results():
    from jobs.models import AppliedOnce
    from jobs.registry import Outcome

    made = []

    def change():
        made.append(1)
        return Outcome("Сделано: 1.")

    assert actions.apply_once("key", change).summary == "Сделано: 1."
    again = actions.apply_once("key", change)
    assert made == [1] and again.summary.startswith("Уже выполнено") and "Сделано: 1." in again.summary
    actions.jobs_purge_expired(timezone.now() + timedelta(days=6))
    assert AppliedOnce.objects.filter(key="key").exists()
    actions.jobs_purge_expired(timezone.now() + timedelta(days=8))
    assert not AppliedOnce.objects.exists()


def test_apply_once_keeps_no_record_of_a_change_that_failed():
    from jobs.models import AppliedOnce

    def change():
        raise JobFailed("Нет.")

    with pytest.raises(JobFailed):
        actions.apply_once("key", change)
    assert not AppliedOnce.objects.exists()
