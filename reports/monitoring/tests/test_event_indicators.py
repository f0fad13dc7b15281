"""Indicators from the events: the share of students at the held class hours (counted per class or
marked per invited student) and the people at contests; kept figures follow the events at once."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import AcademicYear
from people.tests.factories import PersonFactory, StudentFactory
from reports.events import actions
from reports.events.models import Event
from reports.events.tests.factories import held_event, make_event
from reports.monitoring import figures, indicators

pytestmark = pytest.mark.django_db


def class_hour(org, classes: str, counts: dict[str, int], students=()):
    event = make_event(org, kind=Event.Kind.CLASS_HOUR, classes=classes, people=list(students))
    return actions.event_hold(event, actor=None, present=set(), class_counts=counts)


@pytest.fixture
def year(world):
    for _ in range(4):
        StudentFactory(organization=world.org, school_class="5А")
    for _ in range(6):
        StudentFactory(organization=world.org, school_class="6Б")
    return AcademicYear.objects.current()


def monitoring(world, year) -> indicators.Monitoring:
    return figures.year_figures([world.org.pk], year, timezone.localdate())[world.org.pk]


def test_share_of_students_at_class_hours_counts_classes_and_marked_students(world, year):
    absent = StudentFactory(organization=world.org, school_class="9В")
    class_hour(world.org, "5А, 6Б", {"5А": 4, "6Б": 5}, students=[absent])
    make_event(world.org, kind=Event.Kind.CLASS_HOUR, classes="5А")  # planned: not counted
    StudentFactory(organization=world.other_org, school_class="5А")
    class_hour(world.other_org, "5А", {"5А": 0})  # another school's
    m = monitoring(world, year)
    assert (m.class_hour_present, m.class_hour_students) == (9, 11)
    row = next(r for r in indicators.rows(m) if r[0] == "Обучающихся на тематических классных часах")
    assert row[1:] == (9 / 11, "share", 9, 11)


def test_people_at_contests_are_counted_once(world, year):
    came = [PersonFactory(organization=world.org), PersonFactory(organization=world.org)]
    held_event(world.org, kind=Event.Kind.CONTEST, people=came)
    held_event(world.org, kind=Event.Kind.CONTEST, people=came[:1])
    absent = PersonFactory(organization=world.org)
    event = make_event(world.org, kind=Event.Kind.CONTEST, people=[absent])
    actions.event_hold(event, actor=None, present=set())
    held_event(world.org, kind=Event.Kind.CONFERENCE, people=[PersonFactory(organization=world.org)])
    assert monitoring(world, year).contest_representatives == 2


def test_kept_figures_follow_the_attendance_at_once(world, year):
    assert monitoring(world, year).class_hour_students == 0
    event = class_hour(world.org, "5А", {"5А": 2})
    assert (monitoring(world, year).class_hour_present, monitoring(world, year).class_hour_students) == (2, 4)
    actions.event_hold(event, actor=None, present=set(), class_counts={"5А": 4})
    assert monitoring(world, year).class_hour_present == 4


def test_the_monitoring_page_shows_the_class_hour_share(world, year, login, client):
    class_hour(world.org, "5А, 6Б", {"5А": 4, "6Б": 5})
    login(world.users["curator"])
    page = client.get(reverse("statistics:monitoring")).content.decode()
    assert "Обучающихся на тематических классных часах" in page and "9 из 10" in page


def training_group(org, year, title: str, required: int, held: int):
    from reports.events.models import TrainingGroup

    group = TrainingGroup.objects.create(
        organization=org, academic_year=year, title=title, required_sessions=required
    )
    for _ in range(held):
        session = make_event(org, kind=Event.Kind.MENTOR_TRAINING)
        Event.objects.filter(pk=session.pk).update(training_group=group, status=Event.Status.HELD)
    make_event(org, kind=Event.Kind.MENTOR_TRAINING)  # planned, of no group: not counted
    return group


def test_training_groups_and_their_sessions_are_indicators_of_the_monitoring(world, year):
    training_group(world.org, year, "Первая группа", required=3, held=3)
    second = training_group(world.org, year, "Вторая группа", required=3, held=1)
    training_group(world.other_org, year, "Чужая группа", required=1, held=4)
    m = monitoring(world, year)
    assert (m.training_groups, m.training_sessions, m.training_groups_done) == (2, 4, 1)
    rows = {r[0]: r[1:] for r in indicators.rows(m)}
    assert rows["Занятий на одну группу обучения наставников"] == (2.0, "ratio", 4, 2)
    assert rows["Групп обучения наставников, прошедших программу"] == (0.5, "share", 1, 2)
    # The kept figures follow a change of the group's programme at once.
    type(second).objects.filter(pk=second.pk).update(required_sessions=1)
    assert monitoring(world, year).training_groups_done == 2


def test_the_monitoring_page_shows_the_sessions_per_training_group(world, year, login, client):
    training_group(world.org, year, "Первая группа", required=3, held=3)
    login(world.users["curator"])
    page = client.get(reverse("statistics:monitoring")).content.decode()
    assert "Занятий на одну группу обучения наставников" in page and "3,0" in page
    assert "Групп обучения наставников, прошедших программу" in page and "1 из 1" in page
