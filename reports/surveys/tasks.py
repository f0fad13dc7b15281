"""The surveys' periodic job: recurring campaigns opened and closed on their dates."""

from __future__ import annotations

from django.utils import timezone
from procrastinate.contrib.django import app

from mentoring.lib.worker import task_connections
from reports.surveys.schedules import run_schedules


@app.periodic(cron="7 * * * *", periodic_id="run_campaign_schedules")
@app.task(name="surveys.run_campaign_schedules", queue="periodic", queueing_lock="run_campaign_schedules")
def run_campaign_schedules(timestamp: int) -> dict:
    """Every hour: open the campaigns of the periods that have begun, close those whose days are over."""
    with task_connections():
        return run_schedules(timezone.localdate())
