"""Roadmap workflows: template, copy, approval, return, amendment, activity statuses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from people.models import AcademicYear
from people.tests.factories import OrganizationFactory
from roadmap import actions, progress
from roadmap.models import Activity, Roadmap
from roadmap.standard import STANDARD_STAGES
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory


@pytest.fixture
def org(db):
    return OrganizationFactory()


@pytest.fixture
def year(db):
    return AcademicYear.objects.get_or_create(start_year=2024)[0]


def approve(roadmap):
    actions.roadmap_submit(roadmap, actor=None)
    return actions.roadmap_approve(
        roadmap,
        actor=None,
        approved_on=date(2024, 9, 2),
        order_number="41-од",
        order_date=date(2024, 9, 2),
        protocol_number="1",
        protocol_date=date(2024, 8, 30),
    )


def test_template_has_the_seven_stages_with_parsed_deadlines(org, year):
    roadmap = actions.roadmap_create_from_template(org, year, actor=None)
    assert [s.title for s in roadmap.stages.all()] == [title for title, _ in STANDARD_STAGES]
    activities = Activity.objects.filter(stage__roadmap=roadmap)
    assert activities.count() == sum(len(items) for _, items in STANDARD_STAGES)
    assert all(a.deadline_parsed and a.start and a.end for a in activities)
    kpi = activities.get(kpi__startswith="Программы реализованы")
    assert kpi.kpi_target == 90


def test_second_draft_for_the_same_year_is_refused(org, year):
    actions.roadmap_create_from_template(org, year, actor=None)
    with pytest.raises(ValidationError, match="уже есть черновик"):
        actions.roadmap_create_from_template(org, year, actor=None)


def test_copy_shifts_windows_by_a_year_and_resets_statuses(org, year):
    source = approve(actions.roadmap_create_from_template(org, year, actor=None))
    done = Activity.objects.filter(stage__roadmap=source, end__lt=date(2024, 10, 1)).first()
    Activity.objects.filter(pk=done.pk).update(
        status="done", completed_on=date(2024, 9, 20), evidence_note="есть"
    )
    next_year = AcademicYear.objects.get_or_create(start_year=2025)[0]
    copy = actions.roadmap_copy_to_year(source, next_year, actor=None)
    assert copy.status == Roadmap.Status.DRAFT and copy.version == 1
    copied = Activity.objects.get(stage__roadmap=copy, number=done.number)
    assert (copied.start, copied.end) == (
        done.start.replace(year=done.start.year + 1),
        done.end.replace(year=done.end.year + 1),
    )
    assert copied.status == "planned" and copied.completed_on is None and not copied.evidence_note


def test_approval_needs_review_and_an_order(org, year):
    roadmap = actions.roadmap_create_from_template(org, year, actor=None)
    with pytest.raises(ValidationError):
        actions.roadmap_approve(
            roadmap, actor=None, approved_on=date(2024, 9, 2), order_number="1", order_date=date(2024, 9, 2)
        )
    actions.roadmap_submit(roadmap, actor=None)
    with pytest.raises(ValidationError, match="номер приказа"):
        actions.roadmap_approve(
            roadmap, actor=None, approved_on=date(2024, 9, 2), order_number=" ", order_date=date(2024, 9, 2)
        )
    approved = actions.roadmap_approve(
        roadmap, actor=None, approved_on=date(2024, 9, 2), order_number="41-од", order_date=date(2024, 9, 2)
    )
    assert approved.status == "approved" and approved.approved_by == "С.В. Прохорова"


def test_return_needs_a_comment_and_goes_back_to_draft(org, year):
    roadmap = actions.roadmap_create_from_template(org, year, actor=None)
    actions.roadmap_submit(roadmap, actor=None)
    with pytest.raises(ValidationError, match="что нужно исправить"):
        actions.roadmap_return(roadmap, actor=None, comment="  ")
    returned = actions.roadmap_return(roadmap, actor=None, comment="Добавьте сроки этапа 4")
    assert returned.status == "draft" and returned.return_comment == "Добавьте сроки этапа 4"


def test_amendment_is_a_new_version_and_the_old_one_is_archived_on_approval(org, year):
    v1 = approve(actions.roadmap_create_from_template(org, year, actor=None))
    v2 = actions.roadmap_amend(v1, actor=None, reason="Новый наставник")
    assert (v2.version, v2.status, v2.previous) == (2, "draft", v1)
    v1.refresh_from_db()
    assert v1.status == "approved"  # in force until the new version is approved
    assert (
        Activity.objects.filter(stage__roadmap=v2).count()
        == Activity.objects.filter(stage__roadmap=v1).count()
    )
    approve(v2)
    v1.refresh_from_db()
    assert v1.status == "archived"
    assert Activity.objects.filter(stage__roadmap=v1).exists()


def test_done_needs_evidence(db):
    activity = ActivityFactory(stage=StageFactory(roadmap=ApprovedRoadmapFactory()))
    with pytest.raises(ValidationError, match="приложите файл, ссылку"):
        actions.activity_set_status(activity, "done", actor=None)
    done = actions.activity_set_status(
        activity,
        "done",
        actor=None,
        completed_on=date(2024, 9, 20),
        evidence_link="https://school.example.ru/p",
    )
    assert done.status == "done" and done.completed_on == date(2024, 9, 20)


def test_status_changes_only_in_the_roadmap_in_force(db):
    activity = ActivityFactory()  # a draft
    with pytest.raises(ValidationError, match="утверждённой"):
        actions.activity_set_status(activity, "in_progress", actor=None)


def test_done_in_the_future_is_refused(db):
    activity = ActivityFactory(stage=StageFactory(roadmap=ApprovedRoadmapFactory()))
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="в будущем"):
        actions.activity_set_status(
            activity, "done", actor=None, completed_on=tomorrow, evidence_note="протокол"
        )


def test_overdue_is_derived_and_progress_counts_on_time(db):
    stage = StageFactory(roadmap=ApprovedRoadmapFactory())
    late = ActivityFactory(stage=stage, deadline_text="сентябрь")  # 2024: long past
    on_time = ActivityFactory(
        stage=stage, deadline_text="октябрь", status="done", completed_on=date(2024, 10, 5)
    )
    ActivityFactory(stage=stage, deadline_text="ноябрь", status="cancelled")
    assert late.overdue and not on_time.overdue
    assert list(Activity.objects.overdue()) == [late]
    figures = progress.compute(Activity.objects.filter(stage=stage)).overall
    assert (figures.total, figures.done, figures.overdue, figures.percent, figures.on_time_percent) == (
        2,
        1,
        1,
        50,
        50,
    )
    assert not figures.all_done


def test_director_is_told_about_submission_and_curator_about_the_decision(org, year, mailoutbox):
    from people.tests.factories import make_member

    director = make_member(org, "director")
    director.email = "director@example.ru"
    director.save()
    curator = make_member(org, "curator")
    curator.email = "curator@example.ru"
    curator.save()
    from notifications.delivery import send_pending

    roadmap = actions.roadmap_create_from_template(org, year, actor=None)
    actions.roadmap_submit(roadmap, actor=None)
    actions.roadmap_return(roadmap, actor=None, comment="Уточните сроки этапа 4")
    # The letters go out with the notifications (`send_notifications`), once.
    send_pending()
    send_pending()
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["director@example.ru"], "Дорожная карта 2024/2025 ждёт утверждения"),
        (["curator@example.ru"], "Дорожная карта 2024/2025 возвращена на доработку"),
    ]
    assert "Уточните сроки этапа 4" in mailoutbox[1].body
