"""The monitoring indicators against counts computed independently (plain Python over the records),
the page per role, the analytical note and the query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs.testing import export
from mentoring.tests.pdf import pdf_text
from pairs import actions as pair_actions
from pairs.models import Meeting, Pair
from pairs.tests.factories import consenting_mentee, log_meeting, plan_meeting
from people.models import AcademicYear, Person
from people.tests.factories import PersonFactory, StudentFactory
from reports.monitoring import indicators
from reports.monitoring.tests import stats_data
from reports.surveys.models import Answer, Participation, Questionnaire
from reports.surveys.tests.factories import make_campaign, small_questionnaire, submit
from roadmap.models import Activity
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db


def _activity(stage, end, status="planned", completed_on=None):
    return ActivityFactory(
        stage=stage,
        deadline_text="",
        start=end - timedelta(days=5),
        end=end,
        status=status,
        completed_on=completed_on,
    )


@pytest.fixture
def data(world):
    data = stats_data.build(world)
    year = data["year"]
    today = timezone.localdate()
    early = year.starts_on + timedelta(days=10)
    roadmap = ApprovedRoadmapFactory(organization=world.org, academic_year=year)
    stage = StageFactory(roadmap=roadmap)
    _activity(stage, early, "done", completed_on=early - timedelta(days=1))  # on time
    _activity(stage, early, "done", completed_on=early + timedelta(days=3))  # late
    _activity(stage, early)  # overdue
    _activity(stage, today + timedelta(days=30))  # not due yet
    _activity(stage, early, "cancelled")  # not counted
    other_stage = StageFactory(
        roadmap=ApprovedRoadmapFactory(organization=world.other_org, academic_year=year)
    )
    _activity(other_stage, early)
    # Staff and students who do not take part: the denominators of the shares.
    PersonFactory(organization=world.org, birth_date=stats_data.born(28, year), experience_years=5)
    PersonFactory(organization=world.org, birth_date=stats_data.born(45, year), experience_years=1)
    StudentFactory(organization=world.org, birth_date=stats_data.born(17, year))
    StudentFactory(organization=world.org, birth_date=stats_data.born(19, year))
    # A second meeting of the active pair and a satisfaction campaign at the end of the programme.
    p1 = data["pairs"][0]
    log_meeting(p1, Meeting.Kind.SECOND)
    questionnaire = small_questionnaire(world.org, kind=Questionnaire.Kind.SATISFACTION_END)
    campaign = make_campaign(world.org, questionnaire, pairs=[p1])
    people = p1.participant_people()
    submit(campaign, people[0], overall=9)
    # A second addressee who does not answer, and an answered diagnostic that is not «satisfaction».
    make_campaign(world.org, small_questionnaire(world.org), pairs=[p1])
    data["campaign"] = campaign
    return data


def independent(org, year: AcademicYear, today) -> dict:
    """The same indicators, counted one record at a time."""
    start = year.starts_on
    pair_ids = {
        p.pk
        for p in Pair.objects.filter(organization=org)
        if p.planned_start <= year.ends_on and (p.ended_on or p.planned_end) >= start
    }
    meetings = [
        m
        for m in Meeting.objects.filter(pair_id__in=pair_ids)
        if start <= m.date <= year.ends_on and m.status == Meeting.Status.HELD
    ]
    people = [p for p in Person.objects.filter(organization=org) if p.anonymized_at is None]

    def age(p):
        return p.age_on(start)

    day = min(today, year.ends_on)
    activities = [
        a
        for a in Activity.objects.filter(stage__roadmap__organization=org, stage__roadmap__academic_year=year)
        if a.stage.roadmap.status == "approved" and a.status != "cancelled"
    ]
    due = [a for a in activities if a.status == "done" or (a.end and a.end < day)]
    answers = [
        a
        for a in Answer.objects.filter(response__campaign__organization=org).select_related(
            "question", "response__campaign__questionnaire"
        )
        if a.response.campaign.questionnaire.kind == "satisfaction_end" and a.question.is_scale
    ]
    return {
        "meetings": len(meetings),
        "staff_under_35": sum(1 for p in people if p.kind == "staff" and age(p) is not None and age(p) < 35),
        "staff_under_3_years": sum(
            1
            for p in people
            if p.kind == "staff" and p.experience_years is not None and p.experience_years < 3
        ),
        "students_10_18": sum(
            1 for p in people if p.kind == "student" and age(p) is not None and 10 <= age(p) <= 18
        ),
        "students_15_18": sum(
            1 for p in people if p.kind == "student" and age(p) is not None and 15 <= age(p) <= 18
        ),
        "activities_due": len(due),
        "activities_on_time": sum(1 for a in due if a.done_on_time),
        "satisfaction_answers": len(answers),
        "satisfaction_sum10": sum(a.value * 10 // a.question.scale_max for a in answers),
        "satisfied": sum(1 for a in answers if a.value * 10 / a.question.scale_max >= 8),
    }


def test_indicators_match_independent_counts(world, data):
    today = timezone.localdate()
    year = data["year"]
    m = indicators.compute([world.org.pk], year, today)[world.org.pk]
    expected = independent(world.org, year, today)
    assert {key: getattr(m, key) for key in expected} == expected
    # And the known values, so that a shared mistake in both countings would still show.
    assert (m.activities_due, m.activities_on_time) == (3, 1)
    assert m.meetings == 2 and m.pairs_working == 3 and m.meetings_per_pair == pytest.approx(0.7)
    assert m.survey_satisfaction == 9.0 and m.satisfied == 1
    assert (m.campaigns, m.invited, m.answered) == (2, 4, 1)


def test_monitoring_counts_held_meetings_only(world, data):
    today = timezone.localdate()
    year = data["year"]
    p1 = data["pairs"][0]
    before = indicators.compute([world.org.pk], year, today)[world.org.pk].meetings
    # Within the year whatever today is: planned for today, then one cancelled and one missed.
    plan_meeting(p1, on=today)
    pair_actions.meeting_cancel(plan_meeting(p1, on=today), actor=None)
    pair_actions.meeting_miss(plan_meeting(p1, on=today), actor=None)
    assert indicators.compute([world.org.pk], year, today)[world.org.pk].meetings == before
    log_meeting(p1, Meeting.Kind.REGULAR, on=today)
    assert indicators.compute([world.org.pk], year, today)[world.org.pk].meetings == before + 1


def test_shares_use_the_statistics_figures_over_the_denominators(world, data):
    m = indicators.compute([world.org.pk], data["year"], timezone.localdate())[world.org.pk]
    rows = {label: (value, part, whole) for label, value, _, part, whole in indicators.rows(m)}
    f = m.figures
    assert rows["Педагогов до 35 лет участвуют в программе"] == (
        f.teachers_under_35 / m.staff_under_35,
        f.teachers_under_35,
        m.staff_under_35,
    )
    assert rows["Обучающихся 15–18 лет — наставники"][1:] == (1, 2)  # Школьников, 16; and the new 17-year-old
    assert rows["Мероприятий дорожной карты выполнено в срок"] == (1 / 3, 1, 3)
    assert rows["Программ, реализованных не менее чем на 90 %"] == (0.5, 1, 2)


def test_organizations_stay_apart_and_add_up(world, data):
    today = timezone.localdate()
    by_org = indicators.compute([world.org.pk, world.other_org.pk], data["year"], today)
    other = by_org[world.other_org.pk]
    assert (other.activities_due, other.activities_on_time, other.campaigns) == (1, 0, 0)
    combined = indicators.total(by_org)
    assert combined.activities_due == 4 and combined.meetings == 3
    assert combined.figures.mentors == by_org[world.org.pk].figures.mentors + other.figures.mentors


def test_a_past_year_judges_deadlines_on_its_last_day(world):
    year = AcademicYear.objects.current()
    past = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)[0]
    assert indicators.reference_day(past, timezone.localdate()) == past.ends_on


def test_curator_sees_the_monitoring_page_of_the_school(world, data, login):
    page = login(world.users["curator"]).get(reverse("statistics:monitoring")).content.decode()
    assert "Мероприятий дорожной карты выполнено в срок" in page and "1 из 3" in page
    assert 'id="monitoring-data"' in page and "js/statistics.js" in page
    assert "Организации рядом" not in page and "Школа Б" not in page


def test_admin_sees_all_organizations_side_by_side(world, data, login):
    page = login(world.users["admin"]).get(reverse("statistics:monitoring"), {"org": "all"}).content.decode()
    assert "Организации рядом" in page and "Школа А" in page and "Школа Б" in page


def test_director_cannot_pick_another_organization(world, data, login):
    client = login(world.users["director"])
    assert client.get(reverse("statistics:monitoring"), {"org": world.other_org.pk}).status_code == 404
    assert client.post(f"{reverse('statistics:monitoring_note')}?org={world.other_org.pk}").status_code == 404


def test_analytical_note_is_built_from_the_figures(world, data, login):
    response = export(login(world.users["director"]), reverse("statistics:monitoring_note"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text.upper()
    assert "Из 3 мероприятий дорожной карты с наступившим сроком в срок выполнено 1 (33 %)" in text
    assert "Не выполнены в срок 2 мероприятия дорожной карты" in text
    assert data["campaign"].title in text
    assert "реализована 1 (50 %)" in text


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = export(client, url, params) if url.endswith(".pdf") else client.get(url, params)
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


def _grow(world, data, n):
    p1 = data["pairs"][0]
    campaign = data["campaign"]
    for _ in range(n):
        log_meeting(p1, Meeting.Kind.REGULAR)
        mentee = consenting_mentee(world.org)
        Participation.objects.create(campaign=campaign, person=mentee.person)
        submit(campaign, mentee.person, overall=7)
        PersonFactory(organization=world.other_org)


@pytest.mark.parametrize("name", ["statistics:monitoring", "statistics:monitoring_note"])
def test_monitoring_queries_do_not_grow(world, data, login, name):
    client = login(world.users["admin"])
    small = _queries(client, reverse(name), {"org": "all"})
    _grow(world, data, 4)
    assert _queries(client, reverse(name), {"org": "all"}) == small
