from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications import notify
from notifications.models import Email, Kind, Notification, Preference
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run() -> dict:
    out = StringIO()
    call_command("send_notifications", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def event(users, n: int) -> None:
    notify(
        users, kind=Kind.MEETING, key=f"meeting-planned:{n}", title=f"Назначена встреча {n}", link="/pairs/"
    )


def test_running_the_command_twice_sends_each_notification_once(mailoutbox):
    alice, bob = UserFactory(email="alice@example.ru"), UserFactory(email="")
    event([alice, bob], 1)
    assert run() == {"emails": 1, "digests": 0}
    assert run() == {"emails": 0, "digests": 0}
    assert [(m.to, m.subject) for m in mailoutbox] == [(["alice@example.ru"], "Назначена встреча 1")]
    assert "http://127.0.0.1:8000/pairs/" in mailoutbox[0].body
    assert Notification.objects.get(recipient=alice).emailed_at is not None


def test_no_letter_for_who_chose_none_or_lost_the_address(mailoutbox):
    alice, bob = UserFactory(email="alice@example.ru"), UserFactory(email="bob@example.ru")
    Preference.objects.create(user=alice, kind=Kind.MEETING, email=Email.NONE)
    event([alice, bob], 1)
    bob.email = ""
    bob.save()
    assert run() == {"emails": 0, "digests": 0}
    assert not mailoutbox


def test_the_digest_gathers_the_day_and_goes_at_most_once_a_day(mailoutbox):
    alice = UserFactory(email="alice@example.ru")
    Preference.objects.create(user=alice, kind=Kind.MEETING, email=Email.DIGEST)
    event([alice], 1)
    event([alice], 2)
    assert run() == {"emails": 0, "digests": 1}
    assert mailoutbox[0].subject == "Уведомления за день: 2"
    assert "Назначена встреча 1" in mailoutbox[0].body and "Назначена встреча 2" in mailoutbox[0].body
    event([alice], 3)
    assert run() == {"emails": 0, "digests": 0}
    # The next day the waiting one goes.
    Notification.objects.exclude(emailed_at=None).update(emailed_at=timezone.now() - timedelta(days=1))
    assert run() == {"emails": 0, "digests": 1}
    assert len(mailoutbox) == 2


def test_the_text_report_names_the_counts():
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert "Писем об уведомлениях: 0" in out.getvalue()
