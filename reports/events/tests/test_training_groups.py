"""Mentor training groups: sessions are events, attendance decides who is trained, and the KPI
«не менее 3 занятий» follows the group's sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mentoring.lib.actions import ActionRefused
from pairs.tests.factories import consenting_mentor
from people.models import AcademicYear, Mentor, MentorTraining
from people.tests.factories import OrganizationFactory
from reports.events import actions
from reports.events.models import Event
from reports.events.tests.factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(world):
    year = AcademicYear.objects.get_or_create(start_year=AcademicYear.start_year_of(timezone.localdate()))[0]
    mentors = [consenting_mentor(world.org) for _ in range(2)]
    Mentor.objects.filter(pk__in=[m.pk for m in mentors]).update(status=Mentor.Status.INTERVIEWED)
    return actions.training_group_create(
        world.org, actor=world.users["curator"], title="Школа наставника", academic_year=year, mentors=mentors
    )


def _session(group, world, days_ago: int, present) -> Event:
    event = actions.training_session_plan(
        group,
        actor=None,
        title=f"Занятие {days_ago}",
        starts_at=at(timezone.localdate() - timedelta(days=days_ago)),
        organizer=world.staff,
    )
    return actions.event_hold(event, actor=None, present={m.person_id for m in present})


def test_completing_trains_those_present_at_enough_sessions(world, group):
    first, second = group.mentors.order_by("pk")
    for days in (30, 20, 10):
        _session(group, world, days, [first, second] if days != 10 else [first])
    trained = actions.training_group_complete(group, actor=world.users["curator"])
    assert trained == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Mentor.Status.TRAINED and second.status == Mentor.Status.INTERVIEWED
    record = MentorTraining.objects.get(mentor=first)
    assert record.hours == 6 and record.topic == "Школа наставника"
    group.refresh_from_db()
    assert group.completed_on == timezone.localdate() - timedelta(days=10)


def test_a_group_cannot_complete_before_its_sessions_are_held(world, group):
    _session(group, world, 5, list(group.mentors.all()))
    with pytest.raises(ActionRefused, match="Проведено занятий: 1 из 3"):
        actions.training_group_complete(group, actor=None)
    assert not MentorTraining.objects.exists()


def test_mentors_of_another_school_are_refused(world):
    year = AcademicYear.objects.current()
    foreign = consenting_mentor(OrganizationFactory())
    with pytest.raises(ActionRefused, match="своей организации"):
        actions.training_group_create(
            world.org, actor=None, title="Группа", academic_year=year, mentors=[foreign]
        )


def test_a_group_with_three_sessions_meets_at_least_three_sessions(world, group):
    from roadmap import kpi
    from roadmap.models import Roadmap
    from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory

    roadmap = ApprovedRoadmapFactory(organization=world.org, academic_year=group.academic_year)
    target = ActivityFactory(
        stage=StageFactory(roadmap=roadmap), title="Обучение наставников", kpi="не менее 3 занятий"
    )
    target.apply_kpi_text()
    target.save()
    for days in (30, 20):
        _session(group, world, days, list(group.mentors.all()))
    kpi.facts_for(roadmap, [target])
    assert target.kpi_fact.value == 2 and target.kpi_fact.met is False
    _session(group, world, 10, list(group.mentors.all()))
    kpi.facts_for(Roadmap.objects.get(pk=roadmap.pk), [target])
    assert target.kpi_fact.value == 3 and target.kpi_fact.met is True
