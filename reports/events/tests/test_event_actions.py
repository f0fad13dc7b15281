from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from people.tests.factories import OrganizationFactory, PersonFactory, StudentFactory
from reports.events import actions
from reports.events.models import Event
from reports.events.tests.factories import at, held_event, make_event, make_protocol

pytestmark = pytest.mark.django_db


def test_create_invites_people_and_counts_the_students_of_each_class():
    org = OrganizationFactory()
    StudentFactory.create_batch(3, organization=org, school_class="5А")
    StudentFactory(organization=org, school_class="5Б")
    teacher = PersonFactory(organization=org)
    event = make_event(org, kind=Event.Kind.CLASS_HOUR, people=[teacher], classes="5а, 5Б")
    assert event.status == Event.Status.PLANNED
    assert list(event.participants.values_list("person", flat=True)) == [teacher.pk]
    assert {c.school_class: c.enrolled for c in event.classes.all()} == {"5А": 3, "5Б": 1}


def test_a_class_name_that_is_not_a_class_is_refused_and_nothing_is_created():
    org = OrganizationFactory()
    with pytest.raises(actions.ActionRefused, match="не название класса"):
        make_event(org, classes="5А, актовый зал")
    assert not Event.objects.exists()


def test_people_of_another_school_cannot_be_invited():
    org = OrganizationFactory()
    stranger = PersonFactory()
    with pytest.raises(actions.ActionRefused, match="своей организации"):
        make_event(org, people=[stranger])


def test_hold_marks_attendance_per_person_and_counted_per_class():
    org = OrganizationFactory()
    StudentFactory.create_batch(4, organization=org, school_class="7В")
    came, absent = PersonFactory(organization=org), PersonFactory(organization=org)
    event = make_event(org, kind=Event.Kind.CLASS_HOUR, people=[came, absent], classes="7В")
    actions.event_hold(event, actor=None, present={came.pk}, class_counts={"7В": 3})
    event.refresh_from_db()
    assert event.status == Event.Status.HELD
    assert dict(event.participants.values_list("person", "present")) == {came.pk: True, absent.pk: False}
    assert event.classes.get().present == 3


def test_more_students_present_than_enrolled_is_refused_and_the_event_stays_planned():
    org = OrganizationFactory()
    StudentFactory.create_batch(2, organization=org, school_class="7В")
    event = make_event(org, kind=Event.Kind.CLASS_HOUR, classes="7В")
    with pytest.raises(actions.ActionRefused, match="в классе 2"):
        actions.event_hold(event, actor=None, present=set(), class_counts={"7В": 5})
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED


def test_an_event_still_ahead_cannot_be_held():
    org = OrganizationFactory()
    event = make_event(org, day=timezone.localdate() + timedelta(days=3))
    with pytest.raises(actions.ActionRefused, match="ещё не наступило"):
        actions.event_hold(event, actor=None, present=set())


def test_cancel_only_a_planned_event():
    org = OrganizationFactory()
    event = actions.event_cancel(make_event(org), actor=None, reason="карантин")
    assert (event.status, event.cancel_reason) == (Event.Status.CANCELLED, "карантин")
    with pytest.raises(actions.ActionRefused):
        actions.event_cancel(held_event(org), actor=None)


def test_update_keeps_the_attendance_of_those_still_invited():
    org = OrganizationFactory()
    first = PersonFactory(organization=org)
    event = held_event(org, people=[first])
    second = PersonFactory(organization=org)
    actions.event_update(
        event,
        actor=None,
        kind=event.kind,
        title="Новая тема",
        starts_at=event.starts_at,
        organizer=event.organizer,
        people=[first, second],
    )
    assert dict(event.participants.values_list("person", "present")) == {first.pk: True, second.pk: None}


def test_protocols_are_numbered_per_kind_and_academic_year():
    org = OrganizationFactory()
    first = make_protocol(held_event(org))
    second = make_protocol(held_event(org))
    other_kind = make_protocol(held_event(org, kind=Event.Kind.PARENTS_MEETING))
    other_school = make_protocol(held_event(OrganizationFactory()))
    assert (first.sequence, second.sequence, other_kind.sequence, other_school.sequence) == (1, 2, 1, 1)


def test_the_next_academic_year_starts_the_register_again():
    org = OrganizationFactory()
    today = timezone.localdate()
    last_year = held_event(org)
    last_year.starts_at = at(today.replace(year=today.year - 1))
    last_year.save()
    assert make_protocol(last_year, date=last_year.starts_at.date()).sequence == 1
    assert make_protocol(held_event(org)).sequence == 1


def test_protocol_needs_a_held_event_and_a_decision():
    org = OrganizationFactory()
    with pytest.raises(actions.ActionRefused, match="проведённому"):
        make_protocol(make_event(org))
    with pytest.raises(actions.ActionRefused, match="РЕШИЛИ"):
        make_protocol(held_event(org), agenda=[{"title": "О плане", "heard": "куратора"}])


def test_one_protocol_per_event():
    event = held_event(OrganizationFactory())
    make_protocol(event)
    with pytest.raises(actions.ActionRefused, match="уже составлен"):
        make_protocol(event)
