from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import notify
from notifications.models import Email, Kind, Notification, Preference

pytestmark = pytest.mark.django_db


def note(user, n: int, **fields) -> Notification:
    notify(
        [user], kind=fields.pop("kind", Kind.MEETING), key=f"e:{n}", title=f"Уведомление {n}", link="/pairs/"
    )
    return Notification.objects.get(recipient=user, key=f"e:{n}")


def test_the_list_shows_only_the_users_own_notifications(world, client, login):
    note(world.users["mentor"], 1)
    note(world.users["mentee"], 2)
    note(world.other_curator, 3)
    login(world.users["mentor"])
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert "Уведомление 1" in response.text
    assert "Уведомление 2" not in response.text and "Уведомление 3" not in response.text


def test_the_bell_counts_the_users_unread_notifications(world, client, login):
    for n in range(3):
        note(world.users["mentor"], n)
    note(world.users["mentee"], 9)
    Notification.objects.filter(key="e:0").update(read_at="2025-01-01T00:00Z")
    login(world.users["mentor"])
    response = client.get(reverse("dashboard"))
    assert "data-unread-count>2</span>" in response.text
    assert "непрочитанных: 2" in response.text


def test_marking_one_read_and_opening_it(world, client, login):
    first, second = note(world.users["mentor"], 1), note(world.users["mentor"], 2)
    login(world.users["mentor"])
    response = client.post(reverse("notifications:read", args=[first.uuid]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/pairs/"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_marking_another_users_notification_read_is_404_and_changes_nothing(world, client, login):
    theirs = note(world.users["mentee"], 1)
    for user in (world.users["mentor"], world.users["admin"], world.other_curator):
        login(user)
        assert client.post(reverse("notifications:read", args=[theirs.uuid])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_all_read_touches_only_the_users_own(world, client, login):
    mine = [note(world.users["mentor"], n) for n in range(3)]
    theirs = note(world.users["mentee"], 9)
    login(world.users["mentor"])
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Отмечено прочитанными: 3." in response.text
    assert not Notification.objects.filter(pk__in=[n.pk for n in mine], read_at=None).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_asks_the_same_number_of_queries_for_many_notifications(world, client, login):
    user = world.users["mentor"]
    note(user, 0)
    login(user)
    client.get(reverse("notifications:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:list"))
    for n in range(1, 25):
        note(user, n)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("notifications:list"))
    assert "Уведомление 24" in response.text
    assert len(many) == len(few)


def test_preferences_are_saved_and_shown(world, client, login):
    user = world.users["mentee"]
    login(user)
    page = client.get(reverse("notifications:preferences"))
    assert "Настройки уведомлений" in page.text and "Новое анкетирование" in page.text
    data = {f"{k.value}-email": Email.NOW for k in Kind}
    data |= {f"{k.value}-in_app": "on" for k in Kind if k != Kind.MEETING}
    data[f"{Kind.SURVEY_LAUNCHED}-email"] = Email.DIGEST
    response = client.post(reverse("notifications:preferences"), data, follow=True)
    assert "Настройки уведомлений сохранены." in response.text
    choices = {p.kind: (p.in_app, p.email) for p in Preference.objects.filter(user=user)}
    assert choices[Kind.MEETING] == (False, Email.NOW)
    assert choices[Kind.SURVEY_LAUNCHED] == (True, Email.DIGEST)


def test_a_bad_choice_is_refused_with_a_message_and_nothing_is_saved(world, client, login):
    login(world.users["mentee"])
    data = {f"{k.value}-email": "fax" for k in Kind}
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.text
    assert not Preference.objects.exists()
