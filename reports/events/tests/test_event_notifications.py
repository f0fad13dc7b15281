"""The invited are told of an event: planned, changed, cancelled, and the day before it."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from notifications.models import Kind, Notification
from people.models import Membership
from people.tests.factories import (
    OrganizationFactory,
    PersonFactory,
    RepresentativeFactory,
    StudentFactory,
    UserFactory,
)
from reports.events import actions
from reports.events.models import Event
from reports.events.tests.factories import at

pytestmark = pytest.mark.django_db


def person_with_account(org, factory=PersonFactory, **fields):
    user = UserFactory()
    user.email = f"{user.username}@example.ru"
    user.save(update_fields=["email"])
    return factory(organization=org, user=user, **fields)


def plan(org, *, days: int = 5, people=(), classes: str = "", kind=Event.Kind.CLASS_HOUR, **fields):
    organizer = fields.pop("organizer", None) or PersonFactory(organization=org)
    return actions.event_create(
        org,
        actor=fields.pop("actor", None),
        kind=kind,
        title="Наставник рядом",
        starts_at=at(timezone.localdate() + timedelta(days=days), 14),
        place="каб. 12",
        organizer=organizer,
        people=list(people),
        classes=classes,
    )


def kinds_of(user) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", "key"))


def run_delivery() -> dict:
    out = StringIO()
    call_command("send_notifications", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_a_person_invited_by_name_and_a_student_of_an_invited_class_are_told_the_uninvited_not():
    org = OrganizationFactory()
    teacher = person_with_account(org, last_name="Иванова")
    student = person_with_account(org, StudentFactory, school_class="5 а")
    other_class = person_with_account(org, StudentFactory, school_class="6Б")
    stranger = person_with_account(org, last_name="Петрова")
    same_class_elsewhere = person_with_account(OrganizationFactory(), StudentFactory, school_class="5А")
    event = plan(org, people=[teacher], classes="5А")
    for person in (teacher, student):
        note = Notification.objects.get(recipient=person.user)
        assert note.kind == Kind.EVENT and note.key == f"event-invited:{event.uuid}"
        assert note.title.startswith("Вы приглашены: классный час")
        assert note.link == event.get_absolute_url()
    assert not Notification.objects.filter(
        recipient__in=[other_class.user, stranger.user, same_class_elsewhere.user]
    ).exists()


def test_a_parents_meeting_of_a_class_tells_the_parents_not_the_students():
    org = OrganizationFactory()
    student = person_with_account(org, StudentFactory, school_class="7Б")
    parent = RepresentativeFactory(student=student, user=UserFactory(email="mother@example.ru"))
    plan(org, classes="7Б", kind=Event.Kind.PARENTS_MEETING)
    assert Notification.objects.filter(recipient=parent.user, kind=Kind.EVENT).count() == 1
    assert not Notification.objects.filter(recipient=student.user).exists()


def test_members_of_an_invited_pair_are_told(world):
    from pairs.tests.factories import world_pair

    pair = world_pair(world)
    event = actions.event_create(
        world.org,
        actor=world.users["curator"],
        kind=Event.Kind.GENERAL_MEETING,
        title="Общая встреча",
        starts_at=at(timezone.localdate() + timedelta(days=3)),
        organizer=world.person_of("curator"),
        pairs=[pair],
    )
    for role in ("mentor", "mentee"):
        assert Notification.objects.filter(
            recipient=world.users[role], kind=Kind.EVENT, key=f"event-invited:{event.uuid}"
        ).exists()
    # Whoever made the change is not told of it; the other school hears nothing.
    assert not Notification.objects.filter(recipient=world.users["curator"]).exists()
    assert not Notification.objects.filter(recipient=world.other_curator).exists()


def test_a_change_of_time_or_place_is_told_once_and_the_newly_invited_get_an_invitation():
    org = OrganizationFactory()
    first, second = person_with_account(org, last_name="А"), person_with_account(org, last_name="Б")
    event = plan(org, people=[first])
    arguments = {
        "kind": event.kind,
        "title": event.title,
        "organizer": event.organizer,
        "place": "актовый зал",
        "starts_at": event.starts_at + timedelta(days=1),
        "people": [first, second],
    }
    actions.event_update(event, actor=None, **arguments)
    actions.event_update(event, actor=None, **arguments)  # the same values again: nothing new
    keys = [key for _, key in kinds_of(first.user)]
    assert keys[0].startswith("event-changed-") and keys[1] == f"event-invited:{event.uuid}"
    assert len(keys) == 2
    changed = Notification.objects.get(recipient=first.user, key=keys[0])
    assert changed.title.startswith("Мероприятие изменено") and "актовый зал" in changed.text
    assert kinds_of(second.user) == [(Kind.EVENT, f"event-invited:{event.uuid}")]
    # Only the title changes: no one is disturbed.
    actions.event_update(event, actor=None, **{**arguments, "title": "Новая тема"})
    assert len(kinds_of(first.user)) == 2


def test_cancelling_tells_the_invited_and_a_past_event_tells_no_one():
    org = OrganizationFactory()
    teacher = person_with_account(org)
    event = plan(org, people=[teacher])
    actions.event_cancel(event, actor=None, reason="карантин")
    assert (Kind.EVENT, f"event-cancelled:{event.uuid}") in kinds_of(teacher.user)
    past = plan(org, days=-2, people=[teacher])
    actions.event_hold(past, actor=None, present={teacher.pk})
    assert not Notification.objects.filter(key__endswith=str(past.uuid)).exists()


def test_the_reminder_the_day_before_is_delivered_once_however_often_delivery_runs(mailoutbox):
    org = OrganizationFactory()
    teacher = person_with_account(org)
    other_org = OrganizationFactory()
    outsider = person_with_account(other_org)
    tomorrow = plan(org, days=1, people=[teacher])
    plan(org, days=2, people=[teacher])
    plan(other_org, days=1, people=[outsider], classes="")
    Notification.objects.all().delete()  # the invitations are not what this test is about
    first = run_delivery()
    second = run_delivery()
    assert first["emails"] == 2 and second == {"emails": 0, "digests": 0}
    assert kinds_of(teacher.user) == [(Kind.EVENT_TOMORROW, f"event-tomorrow:{tomorrow.uuid}")]
    assert sorted(m.to[0] for m in mailoutbox) == sorted([teacher.user.email, outsider.user.email])
    assert any(m.subject.startswith("Завтра в 14:00: классный час") for m in mailoutbox)


def test_the_event_kinds_are_on_the_choices_page(client):
    user = UserFactory()
    org = OrganizationFactory()
    Membership.objects.create(user=user, organization=org, role="mentor")
    PersonFactory(organization=org, user=user)
    client.force_login(user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Приглашение на мероприятие, его перенос или отмена" in page
    assert "Напоминание: мероприятие завтра" in page


def test_a_mentor_added_to_a_training_group_is_invited_to_its_sessions_ahead():
    from people.models import AcademicYear
    from people.tests.factories import MentorFactory

    org = OrganizationFactory()
    first = MentorFactory(person=person_with_account(org, last_name="Первая"))
    added = MentorFactory(person=person_with_account(org, last_name="Вторая"))
    group = actions.training_group_create(
        org,
        actor=None,
        title="Школа наставника",
        academic_year=AcademicYear.objects.current(),
        mentors=[first],
    )
    session = actions.training_session_plan(
        group,
        actor=None,
        title="Занятие 1",
        starts_at=at(timezone.localdate() + timedelta(days=3)),
        organizer=PersonFactory(organization=org),
    )
    assert kinds_of(first.person.user) == [(Kind.EVENT, f"event-invited:{session.uuid}")]
    actions.training_group_update(
        group,
        actor=None,
        title=group.title,
        academic_year=group.academic_year,
        mentors=[first, added],
        required_sessions=3,
    )
    assert kinds_of(added.person.user) == [(Kind.EVENT, f"event-invited:{session.uuid}")]
    assert len(kinds_of(first.person.user)) == 1
