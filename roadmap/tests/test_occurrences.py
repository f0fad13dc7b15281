"""Recurring activities: each quarter, month or listed month is an occurrence with its own due
date, status and evidence; overdue is per occurrence."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from mentoring.lib.actions import ActionRefused
from roadmap import actions
from roadmap.deadlines import occurrence_windows, parse_deadline
from roadmap.models import Activity, Occurrence
from roadmap.tests.factories import AcademicYearFactory, ActivityFactory, ApprovedRoadmapFactory, StageFactory


def _windows(text: str) -> list[tuple[date, date]]:
    d = parse_deadline(text, 2025)
    return occurrence_windows(d.recurrence, d.start, d.end, text, 2025)


def test_quarterly_is_due_by_the_end_of_every_third_month():
    assert [end for _, end in _windows("1 раз в четверть")] == [
        date(2025, 11, 30),
        date(2026, 2, 28),
        date(2026, 5, 31),
        date(2026, 8, 31),
    ]


def test_monthly_listed_and_single_deadlines():
    monthly = _windows("ежемесячно")
    assert len(monthly) == 12 and monthly[0] == (date(2025, 9, 1), date(2025, 9, 30))
    assert _windows("май, сентябрь") == [
        (date(2025, 9, 1), date(2025, 9, 30)),
        (date(2026, 5, 1), date(2026, 5, 31)),
    ]
    assert _windows("октябрь - ноябрь") == [] and _windows("в течение учебного года") == []


@pytest.fixture
def quarterly(world) -> Activity:
    year = AcademicYearFactory(start_year=2025)
    roadmap = ApprovedRoadmapFactory(organization=world.org, academic_year=year)
    activity = ActivityFactory(
        stage=StageFactory(roadmap=roadmap),
        title="Проведение консультаций наставников",
        deadline_text="1 раз в четверть",
    )
    actions.schedule_occurrences([activity], 2025)
    activity.refresh_from_db()
    return activity


def _overdue(activity, today) -> bool:
    return Activity.objects.overdue(today).filter(pk=activity.pk).exists()


@pytest.mark.django_db
def test_a_quarterly_activity_is_overdue_in_the_quarter_it_was_missed(world, quarterly):
    assert quarterly.end == date(2026, 8, 31) and quarterly.due == date(2025, 11, 30)
    assert not _overdue(quarterly, date(2025, 11, 15))
    assert _overdue(quarterly, date(2025, 12, 10))
    first = quarterly.occurrences.first()
    actions.occurrence_complete(
        first, actor=world.users["curator"], completed_on=date(2025, 11, 28), evidence_note="Протокол № 3"
    )
    quarterly.refresh_from_db()
    assert quarterly.status == Activity.Status.PLANNED and quarterly.due == date(2026, 2, 28)
    assert not _overdue(quarterly, date(2025, 12, 10))
    assert _overdue(quarterly, date(2026, 3, 5))


@pytest.mark.django_db
def test_the_activity_is_done_when_every_occurrence_is(world, quarterly):
    for occurrence in quarterly.occurrences.all():
        actions.occurrence_complete(
            occurrence,
            actor=None,
            completed_on=min(occurrence.end, date.today()),
            evidence_link="https://x.ru/p",
        )
    quarterly.refresh_from_db()
    assert quarterly.status == Activity.Status.DONE and quarterly.completed_on == date(2026, 8, 31)


@pytest.mark.django_db
def test_an_offer_counts_for_the_window_it_falls_in(world, quarterly):
    [suggestion] = actions.evidence_offer(
        [quarterly],
        quarterly.stage.roadmap,
        label="Проведена установочная сессия",
        url="",
        happened_on=date(2026, 1, 20),
    )
    actions.evidence_accept(suggestion, actor=world.users["curator"])
    done = quarterly.occurrences.get(status=Occurrence.Status.DONE)
    assert done.end == date(2026, 2, 28) and done.evidence_note == "Проведена установочная сессия"
    quarterly.refresh_from_db()
    assert quarterly.status == Activity.Status.PLANNED and quarterly.due == date(2025, 11, 30)


@pytest.mark.django_db
def test_curator_marks_an_occurrence_and_bad_input_changes_nothing(world, quarterly, login):
    occurrence = quarterly.occurrences.first()
    client = login(world.users["curator"])
    url = reverse("roadmap:occurrence_complete", args=[occurrence.uuid])
    page = client.get(quarterly.stage.roadmap.get_absolute_url()).content.decode()
    assert 'до 30.11.2025: <span class="text-danger">просрочено</span>' in page and url in page
    response = client.post(url, {"completed_on": "2025-11-20"})
    assert "укажите ссылку или протокол" in response.content.decode()
    occurrence.refresh_from_db()
    assert occurrence.status == Occurrence.Status.PLANNED
    response = client.post(url, {"completed_on": "2025-11-20", "evidence_note": "Протокол № 3"})
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.status == Occurrence.Status.DONE and occurrence.completed_on == date(2025, 11, 20)
    with pytest.raises(ActionRefused, match="уже отмечен"):
        actions.occurrence_complete(occurrence, actor=None, evidence_note="x")


@pytest.mark.django_db
def test_director_may_not_mark_and_another_school_gets_404(world, quarterly, login):
    url = reverse("roadmap:occurrence_complete", args=[quarterly.occurrences.first().uuid])
    assert login(world.users["director"]).post(url, {"evidence_note": "x"}).status_code == 403
    assert login(world.other_curator).post(url, {"evidence_note": "x"}).status_code == 404
    assert not Occurrence.objects.filter(status=Occurrence.Status.DONE).exists()


@pytest.mark.django_db
def test_the_standard_template_schedules_its_recurring_activities(world):
    year = AcademicYearFactory(start_year=2025)
    roadmap = actions.roadmap_create_from_template(world.org, year, actor=None)
    quarterly = Activity.objects.get(stage__roadmap=roadmap, deadline_text="1 раз в четверть")
    assert quarterly.occurrences.count() == 4 and quarterly.due == date(2025, 11, 30)
    listed = Activity.objects.get(stage__roadmap=roadmap, deadline_text="май, сентябрь")
    assert [o.end for o in listed.occurrences.all()] == [date(2025, 9, 30), date(2026, 5, 31)]
    copy = actions.roadmap_copy_to_year(roadmap, AcademicYearFactory(start_year=2026), actor=None)
    copied = Activity.objects.get(stage__roadmap=copy, deadline_text="1 раз в четверть")
    assert [o.end for o in copied.occurrences.all()][0] == date(2026, 11, 30)
