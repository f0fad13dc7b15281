"""Starting, running, retrying and expiring background jobs.

A job is done once: the worker takes its row with SELECT … FOR UPDATE, skips a job already done
and, when it finishes, stores the file only if no other run finished first. A run cut short by a
dead worker is started again from the beginning by `retry_stalled_jobs` (see `jobs.tasks`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile, File
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.utils import timezone

from jobs import registry
from jobs.models import AppliedOnce, Job, result_path
from jobs.signals import job_done

logger = logging.getLogger(__name__)

GENERIC_ERROR = (
    "Не удалось подготовить файл из-за внутренней ошибки. Нажмите «Повторить»; если ошибка "
    "повторится, сообщите администратору системы."
)
# A lost connection or a restarted database: the queue retries the run by itself.
TRANSIENT = (OperationalError, InterfaceError)
PROGRESS_INTERVAL = 0.5  # seconds between two writes of the progress


def job_start(*, actor, organization, kind: str, title: str, parameters: dict[str, Any] | None = None) -> Job:
    """Queue a job of `kind` for `actor` in `organization`; returns at once with the queued row."""
    job_kind = registry.get(kind)
    if not actor.has_perm(job_kind.permission, organization):
        raise PermissionDenied
    with transaction.atomic():
        job = Job.objects.create(
            owner=actor, organization=organization, kind=kind, title=title[:300], parameters=parameters or {}
        )
        _enqueue(job, job_kind)
    return job


def start_job(request, kind: str, title: str, parameters: dict[str, Any] | None = None) -> Job:
    """`job_start` for the user and the organization of a request."""
    return job_start(
        actor=request.user, organization=request.organization, kind=kind, title=title, parameters=parameters
    )


def _enqueue(job: Job, job_kind: registry.JobKind) -> None:
    # Deferred through Django's connection, in the same transaction as the row: a worker never
    # sees a queue entry without its job, and a rolled back request leaves neither.
    from jobs.tasks import run_job

    job.procrastinate_job_id = run_job.configure(queue=job_kind.queue).defer(job_id=job.pk)
    job.save(update_fields=["procrastinate_job_id"])


@transaction.atomic
def job_retry(job: Job, *, actor) -> Job:
    """Queue a failed job again, as it was asked; only its owner, with the permission it needs."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.owner_id != actor.pk or not registry.get(job.kind).allowed(actor, job):
        raise PermissionDenied
    if job.status != Job.Status.FAILED:
        return job
    job.status = Job.Status.QUEUED
    job.progress = 0
    job.step = ""
    job.error = ""
    job.started_at = job.finished_at = job.expires_at = None
    job.save(update_fields=["status", "progress", "step", "error", "started_at", "finished_at", "expires_at"])
    _enqueue(job, registry.get(job.kind))
    return job


class ProgressReporter:
    """Writes a job's progress to its row, at most every PROGRESS_INTERVAL seconds."""

    def __init__(self, job: Job, interval: float | None = None):
        self.job = job
        self.interval = PROGRESS_INTERVAL if interval is None else interval
        self._last = 0.0
        self.percent = 0
        self._depth = len(connection.atomic_blocks)

    def __call__(self, percent: float, step: str = "") -> None:
        percent = max(self.percent, min(99, int(percent)))  # 100 is for a finished job only
        now = time.monotonic()
        if now - self._last < self.interval:
            return
        self._last = now
        self.percent = percent
        if len(connection.atomic_blocks) <= self._depth:
            Job.objects.filter(pk=self.job.pk, status=Job.Status.RUNNING).update(
                progress=percent, step=step[:200]
            )
            return
        # The job writes in one transaction of its own (an import): its progress goes through a
        # connection of its own, committed at once, so that the card moves while the rows are
        # written (and stays as it was if they are rolled back).
        side = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with side.cursor() as cursor:
                cursor.execute(
                    "UPDATE jobs_job SET progress = %s, step = %s WHERE id = %s AND status = %s",
                    [percent, step[:200], self.job.pk, Job.Status.RUNNING],
                )
        finally:
            side.close()


def job_execute(job_id: int, *, final_attempt: bool = True) -> Job | None:
    """Run a queued job in the worker: claim it, run its kind, store the file once."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (Job.Status.DONE, Job.Status.FAILED):
            return job
        # QUEUED, or RUNNING left by a worker that died: either way the run starts afresh.
        job.status = Job.Status.RUNNING
        job.attempts += 1
        job.progress = 0
        job.step = "Начато"
        job.started_at = timezone.now()
        job.save(update_fields=["status", "attempts", "progress", "step", "started_at"])
    kind = registry.get(job.kind)
    try:
        outcome = kind.run(job, ProgressReporter(job))
    except TRANSIENT:
        if not final_attempt:
            Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.QUEUED, step="Повтор после сбоя соединения"
            )
            raise
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        return _fail(job, GENERIC_ERROR)
    except registry.JobFailed as exc:
        return _fail(job, str(exc))
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        return _fail(job, GENERIC_ERROR)
    if not isinstance(outcome, registry.Outcome):
        filename, content = outcome
        outcome = registry.Outcome("", filename, content)
    return _finish(job, outcome)


def _finish(job: Job, outcome: registry.Outcome) -> Job:
    stored = ""
    if outcome.content is not None:
        content = outcome.content
        file = ContentFile(content) if isinstance(content, bytes) else File(content)
        try:
            stored = job.result.storage.save(job.result.field.generate_filename(job, outcome.filename), file)
        finally:
            file.close()
    with transaction.atomic():
        current = Job.objects.select_for_update().get(pk=job.pk)
        if current.status == Job.Status.DONE:
            # Another run finished first (a worker taken for dead was only slow): keep its file.
            if stored:
                job.result.storage.delete(stored)
            return current
        now = timezone.now()
        current.result.name = stored
        current.filename = outcome.filename[:255] if stored else ""
        current.summary = outcome.summary
        current.status = Job.Status.DONE
        current.progress = 100
        current.step = "Готово"
        current.error = ""
        current.finished_at = now
        current.expires_at = Job.expiry_for(now)
        current.save()
        _announce(current)
    return current


def _announce(job: Job) -> None:
    """Tell the sections that keep records of exports, in a savepoint: the file is the user's
    whatever a receiver does, and a failing receiver is logged, not the job's failure."""
    try:
        with transaction.atomic():
            job_done.send(sender=Job, job=job)
    except Exception:
        logger.exception("job %s (%s): job_done receiver failed", job.pk, job.kind)


def _fail(job: Job, message: str) -> Job:
    now = timezone.now()
    Job.objects.filter(pk=job.pk).exclude(status=Job.Status.DONE).update(
        status=Job.Status.FAILED, error=message, step="", finished_at=now, expires_at=Job.expiry_for(now)
    )
    job.refresh_from_db()
    return job


def apply_once(key: str, change: Callable[[], registry.Outcome]) -> registry.Outcome:
    """Make `change` (database writes, returning what it did) in one transaction with a record of
    `key`. A second run under the same key — a retry after a worker died past the commit, a job
    started twice — writes nothing and answers the first run's summary. Two runs at the same time:
    the second waits on the key's unique index and then finds the first's record (or, if the first
    rolled back, makes the change itself)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = AppliedOnce.objects.create(key=key)
        except IntegrityError:
            done = AppliedOnce.objects.get(key=key)
            when = timezone.localtime(done.created_at)
            return registry.Outcome(f"Уже выполнено {when:%d.%m.%Y в %H:%M}. {done.summary}")
        outcome = change()
        record.summary = outcome.summary
        record.save(update_fields=["summary"])
    return outcome


def jobs_purge_expired(now=None) -> int:
    """Delete the jobs whose results have expired, with their files; returns how many."""
    count = 0
    for job in Job.objects.expired(now).iterator(chunk_size=200):
        try:
            _delete_files(job)
        except (OSError, DatabaseError):
            logger.exception("job %s: result files not deleted", job.pk)
            continue
        job.delete()
        count += 1
    # What a key stood for (an import's preview) is long gone by then (previews are kept a day).
    cutoff = (now or timezone.now()) - timedelta(days=settings.JOB_RESULT_DAYS)
    AppliedOnce.objects.filter(created_at__lte=cutoff).delete()
    return count


def _delete_files(job: Job) -> None:
    """The job's file, and any other file in its folder: a run that died between storing its file
    and recording it (a killed worker, a lost connection) left one there that nothing refers to."""
    storage = job.result.storage
    if job.result:
        job.result.delete(save=False)
    folder = result_path(job, "").rsplit("/", 1)[0]
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        storage.delete(f"{folder}/{name}")
