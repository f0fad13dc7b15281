"""KPI facts the application computes: class hours from attendance, training sessions, contest
representatives, diagnostics, programmes done, the roadmap itself."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people.models import Person
from people.tests.factories import PersonFactory
from reports.events import actions as event_actions
from reports.events.models import Event
from reports.events.tests.factories import held_event, make_event
from roadmap import kpi
from roadmap.models import Activity
from roadmap.tests.factories import ActivityFactory, StageFactory

pytestmark = pytest.mark.django_db


def _with_kpi(roadmap, title: str, text: str) -> Activity:
    activity = ActivityFactory(
        stage=StageFactory(roadmap=roadmap, number=20 + Activity.objects.count()), title=title, kpi=text
    )
    activity.apply_kpi_text()
    activity.save()
    return activity


def _fact(roadmap, activity):
    kpi.facts_for(roadmap, [activity])
    return activity.kpi_fact


def _students(org, school_class: str, n: int) -> None:
    for _ in range(n):
        PersonFactory(organization=org, kind=Person.Kind.STUDENT, school_class=school_class)


def test_class_hour_attendance_of_two_classes_is_the_share_of_their_students(world, roadmap):
    activity = _with_kpi(
        roadmap, "Тематические классные часы о наставничестве", "не менее 90% обучающихся на классных часах"
    )
    assert _fact(roadmap, activity).value is None  # nothing held yet: the fact is unknown
    _students(world.org, "5А", 10)
    _students(world.org, "5Б", 10)
    event = make_event(world.org, kind=Event.Kind.CLASS_HOUR, classes="5А, 5Б")
    event_actions.event_hold(event, actor=None, present=set(), class_counts={"5А": 10, "5Б": 8})
    fact = _fact(roadmap, activity)
    assert fact.value == Decimal(90) and fact.met is True and "классных часах" in fact.computed_by


def test_three_training_sessions_meet_at_least_three_sessions(world, roadmap):
    activity = _with_kpi(roadmap, "Обучение наставников", "не менее 3 занятий для группы наставников")
    mentor = world.person_of("mentor")
    for days in (20, 10):
        held_event(
            world.org,
            kind=Event.Kind.MENTOR_TRAINING,
            people=[mentor],
            day=timezone.localdate() - timedelta(days=days),
        )
    assert _fact(roadmap, activity).met is False
    held_event(world.org, kind=Event.Kind.MENTOR_TRAINING, people=[mentor])
    fact = _fact(roadmap, activity)
    assert fact.value == 3 and fact.met is True and fact.plan_text == "3"


def test_representatives_present_at_contests_are_counted(world, roadmap):
    activity = _with_kpi(roadmap, "Участие в конкурсах наставничества", "не менее 2 представителей ОО")
    held_event(
        world.org, kind=Event.Kind.CONTEST, people=[world.person_of("mentor"), world.person_of("mentee")]
    )
    held_event(world.other_org, kind=Event.Kind.CONTEST, people=[world.other_person])
    assert _fact(roadmap, activity).value == 2


def test_a_typed_fact_stands_where_the_app_knows_no_indicator(world, roadmap):
    activity = _with_kpi(roadmap, "Публикации в СМИ", "не менее 4 публикаций")
    Activity.objects.filter(pk=activity.pk).update(kpi_actual=4)
    activity.refresh_from_db()
    fact = _fact(roadmap, activity)
    assert fact.value == 4 and fact.met is True and fact.computed_by == ""


def test_the_roadmaps_own_share_done(world, roadmap):
    activity = Activity.objects.get(stage__roadmap=roadmap, kpi__startswith="Выполнено 100 %")
    total = Activity.objects.filter(stage__roadmap=roadmap).count()
    Activity.objects.filter(
        pk__in=list(
            Activity.objects.filter(stage__roadmap=roadmap).values_list("pk", flat=True)[: total // 2]
        )
    ).update(status="done", completed_on=timezone.localdate(), evidence_note="x")
    fact = _fact(roadmap, activity)
    assert fact.value == (Decimal(total // 2) * 100 / total).quantize(Decimal("0.1")) and fact.met is False


def test_roadmap_page_computes_each_indicator_once_whatever_the_number_of_activities(world, roadmap, login):
    client = login(world.users["curator"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(roadmap.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    _with_kpi(roadmap, "Классные часы", "не менее 90% обучающихся на классных часах")
    _with_kpi(roadmap, "Занятия", "не менее 3 занятий")
    before = count()
    for i in range(4):
        _with_kpi(roadmap, f"Классные часы {i}", "не менее 90% обучающихся на классных часах")
        _with_kpi(roadmap, f"Занятия {i}", "не менее 3 занятий")
    assert count() == before


def test_share_of_participants_diagnosed(world, roadmap, year):
    from reports.surveys import actions as survey_actions
    from reports.surveys.models import Campaign, Participation, Questionnaire

    activity = _with_kpi(roadmap, "Диагностика наставляемых", "не менее 80% участников прошли диагностику")
    questionnaire = survey_actions.questionnaire_from_template(world.org, "mentor_candidate", actor=None)
    questionnaire.kind = Questionnaire.Kind.DIAGNOSTIC
    questionnaire.save()
    campaign = Campaign.objects.create(
        organization=world.org,
        questionnaire=questionnaire,
        title="Входная диагностика",
        academic_year=year,
        target=Campaign.Target.MENTEES,
        status=Campaign.Status.OPEN,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate(),
        launched_at=timezone.now(),
    )
    for person, answered in ((world.person_of("mentee"), True), (world.student, True), (world.staff, False)):
        Participation.objects.create(campaign=campaign, person=person, answered=answered)
    fact = _fact(roadmap, activity)
    assert fact.value == Decimal("66.7") and fact.met is False
