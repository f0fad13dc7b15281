"""The notifications' periodic job: what cron ran as `send_notifications`, now run by the workers.

Safe to run on several workers at once: the queueing lock keeps one run queued, and the sending
claims rows with SKIP LOCKED (see `notifications.delivery`).
"""

from __future__ import annotations

from django.utils import timezone
from procrastinate.contrib.django import app

from mentoring.lib.worker import task_connections
from notifications.delivery import send_pending
from notifications.reminders import write_reminders


@app.periodic(cron="*/5 * * * *", periodic_id="send_notifications")
@app.task(name="notifications.send_notifications", queue="mail", queueing_lock="send_notifications")
def send_notifications(timestamp: int) -> dict:
    """Every 5 minutes: the day's reminders, then the e-mails (at once and the daily digests)."""
    with task_connections():
        write_reminders(timezone.localdate())
        return send_pending()
