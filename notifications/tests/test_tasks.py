"""The periodic jobs that replace cron, run as the worker runs them."""

from __future__ import annotations

import pytest
from procrastinate.contrib.django import app

from notifications import notify
from notifications.models import Kind
from notifications.tasks import send_notifications
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_periodic_jobs_replace_cron():
    periodic = {task.periodic_id: task for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic["send_notifications"].cron == "*/5 * * * *"
    assert periodic["refresh_year_figures"].cron == "* * * * *"
    assert {"retry_stalled_jobs", "purge_expired_jobs", "remove_old_queue_rows"} <= set(periodic)
    # Roadmap deadlines are a reminder source of send_notifications, not a job of their own.
    assert "send_deadline_reminders" not in periodic


def test_send_notifications_job_mails_each_pending_notification_once(mailoutbox):
    alice = UserFactory(email="alice@example.ru")
    notify([alice], kind=Kind.MEETING, key="meeting-planned:1", title="Назначена встреча", link="/pairs/")
    assert send_notifications(timestamp=0) == {"emails": 1, "digests": 0}
    assert send_notifications(timestamp=0) == {"emails": 0, "digests": 0}
    assert [m.to for m in mailoutbox] == [["alice@example.ru"]]
