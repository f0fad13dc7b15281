"""The personal calendar feed carries the person's events, with Moscow time, place and link."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Membership
from people.tests.factories import PersonFactory, StudentFactory, UserFactory
from reports.events import actions
from reports.events.models import Event
from reports.events.tests.factories import at
from roadmap.models import CalendarToken

pytestmark = pytest.mark.django_db


def feed(client, person) -> dict[str, icalendar.Event]:
    token = CalendarToken.objects.create(person=person)
    response = client.get(reverse("roadmap:calendar_feed", args=[token.token]))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("event-")}


def plan(org, organizer, *, people=(), pairs=(), classes="", days=4, kind=Event.Kind.CLASS_HOUR):
    return actions.event_create(
        org,
        actor=None,
        kind=kind,
        title="Наставник рядом",
        starts_at=at(timezone.localdate() + timedelta(days=days), 15),
        place="актовый зал",
        organizer=organizer,
        people=list(people),
        pairs=list(pairs),
        classes=classes,
        duration_minutes=45,
    )


def test_an_invited_persons_feed_has_the_event_with_moscow_time_place_and_link(world, client):
    event = plan(world.org, world.staff, people=[world.person_of("mentor")])
    entry = feed(client, world.person_of("mentor"))[f"event-{event.uuid}@nastavnichestvo"]
    start = entry.decoded("dtstart")
    assert (start.date(), start.hour) == (timezone.localdate() + timedelta(days=4), 15)
    assert entry["dtstart"].params["TZID"] == "Europe/Moscow"
    assert entry.decoded("dtend") - start == timedelta(minutes=45)
    assert str(entry["location"]) == "актовый зал"
    assert str(entry["url"]).endswith(event.get_absolute_url()) and str(entry["url"]).startswith("http")
    assert str(entry["summary"]) == "Классный час: Наставник рядом"
    assert str(entry["status"]) == "CONFIRMED"


def test_the_organizer_the_pair_members_and_the_class_see_it_others_do_not(world, client):
    from pairs.tests.factories import world_pair

    pair = world_pair(world)
    student = StudentFactory(organization=world.org, school_class="5а")
    outsider_student = StudentFactory(organization=world.org, school_class="6А")
    other_school_student = StudentFactory(organization=world.other_org, school_class="5А")
    event = plan(world.org, world.staff, pairs=[pair], classes="5А")
    uid = f"event-{event.uuid}@nastavnichestvo"
    for person in (world.staff, world.person_of("mentor"), world.person_of("mentee"), student):
        assert uid in feed(client, person), person
    for person in (outsider_student, other_school_student, world.person_of("curator"), world.other_person):
        assert uid not in feed(client, person), person


def test_a_training_group_session_is_in_its_mentors_feed(world, client):
    from people.models import AcademicYear
    from people.tests.factories import MentorFactory

    mentor = MentorFactory(person=world.person_of("mentor"))
    group = actions.training_group_create(
        world.org,
        actor=None,
        title="Школа наставника",
        academic_year=AcademicYear.objects.current(),
        mentors=[mentor],
    )
    session = actions.training_session_plan(
        group,
        actor=None,
        title="Занятие 1",
        starts_at=at(timezone.localdate() + timedelta(days=2)),
        organizer=world.staff,
    )
    assert f"event-{session.uuid}@nastavnichestvo" in feed(client, mentor.person)


def test_a_cancelled_event_stays_under_the_same_uid_as_cancelled(world, client):
    event = plan(world.org, world.staff, people=[world.person_of("mentee")])
    actions.event_cancel(event, actor=None, reason="карантин")
    entry = feed(client, world.person_of("mentee"))[f"event-{event.uuid}@nastavnichestvo"]
    assert str(entry["status"]) == "CANCELLED"
    assert "карантин" in str(entry["description"])


def test_a_student_invited_with_the_class_opens_the_event_page(world, client):
    student = StudentFactory(organization=world.org, school_class="5А", user=UserFactory())
    Membership.objects.create(user=student.user, organization=world.org, role="mentee")
    stranger = StudentFactory(organization=world.org, school_class="6А", user=UserFactory())
    Membership.objects.create(user=stranger.user, organization=world.org, role="mentee")
    event = plan(world.org, world.staff, classes="5А")
    client.force_login(student.user)
    assert client.get(event.get_absolute_url()).status_code == 200
    client.force_login(stranger.user)
    assert client.get(event.get_absolute_url()).status_code == 404
    # A parents' meeting of the class is for the parents: not the students' page.
    parents = plan(world.org, world.staff, classes="5А", kind=Event.Kind.PARENTS_MEETING)
    client.force_login(student.user)
    assert client.get(parents.get_absolute_url()).status_code == 404


def test_the_feed_reads_the_events_in_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    person = world.person_of("mentor")
    token = CalendarToken.objects.create(person=person)
    for day in range(1, 6):
        plan(world.org, PersonFactory(organization=world.org), people=[person], days=day)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("roadmap:calendar_feed", args=[token.token]))
    assert response.content.decode().count("UID:event-") == 5


def test_a_parent_opens_the_parents_meeting_of_the_childs_class_only(world, client):
    world.student.school_class = "7Б"
    world.student.save(update_fields=["school_class"])
    meeting = plan(world.org, world.staff, classes="7Б", kind=Event.Kind.PARENTS_MEETING)
    class_hour = plan(world.org, world.staff, classes="7Б")
    other_class = plan(world.org, world.staff, classes="8А", kind=Event.Kind.PARENTS_MEETING)
    client.force_login(world.users["representative"])
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get(class_hour.get_absolute_url()).status_code == 404
    assert client.get(other_class.get_absolute_url()).status_code == 404
