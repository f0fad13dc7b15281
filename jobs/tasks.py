"""Procrastinate tasks of the jobs app: running a job, and the periodic housekeeping.

Discovered by `procrastinate.contrib.django` (every app's `tasks.py`); the worker is started with
`manage.py procrastinate worker` (`make worker`).
"""

from __future__ import annotations

import logging

from django.conf import settings
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from jobs import actions
from mentoring.lib.worker import task_connections

logger = logging.getLogger(__name__)

QUEUES = ("exports", "periodic", "mail")
# Transient database errors are retried by the queue (the job restarts from its beginning); any
# other error fails the job with a message and a «Повторить» button.
RETRY = RetryStrategy(max_attempts=3, wait=5, retry_exceptions={*actions.TRANSIENT})


@app.task(name="jobs.run_job", queue="exports", pass_context=True, retry=RETRY)
def run_job(context, job_id: int) -> None:
    with task_connections():
        actions.job_execute(job_id, final_attempt=context.job.attempts + 1 >= RETRY.max_attempts)


@app.periodic(cron="* * * * *", periodic_id="retry_stalled_jobs")
@app.task(
    name="jobs.retry_stalled_jobs", queue="periodic", queueing_lock="retry_stalled_jobs", pass_context=True
)
async def retry_stalled_jobs(context, timestamp: int) -> None:
    """Jobs of a worker whose heartbeat stopped (killed, machine lost) go back to the queue."""
    stalled = await context.app.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=settings.JOB_STALLED_SECONDS
    )
    for job in stalled:
        logger.warning("retrying stalled job %s (%s)", job.id, job.task_name)
        await context.app.job_manager.retry_job(job)


@app.periodic(cron="17 3 * * *", periodic_id="purge_expired_jobs")
@app.task(name="jobs.purge_expired_jobs", queue="periodic", queueing_lock="purge_expired_jobs")
def purge_expired_jobs(timestamp: int) -> None:
    """Results older than JOB_RESULT_DAYS are deleted, files included (daily)."""
    with task_connections():
        actions.jobs_purge_expired()


@app.periodic(cron="41 3 * * *", periodic_id="remove_old_queue_rows")
@app.task(
    name="jobs.remove_old_queue_rows",
    queue="periodic",
    queueing_lock="remove_old_queue_rows",
    pass_context=True,
)
async def remove_old_queue_rows(context, timestamp: int) -> None:
    """The queue's own finished rows are kept as long as the results, then removed."""
    await context.app.job_manager.delete_old_jobs(
        nb_hours=settings.JOB_RESULT_DAYS * 24, include_failed=True, include_cancelled=True
    )
