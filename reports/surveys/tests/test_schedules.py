"""Recurring campaigns: periods as the roadmap cuts them, one campaign per schedule and period,
closing offers it as evidence for that period's occurrence, and who may manage schedules."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.surveys import actions, schedules
from reports.surveys.models import Campaign, CampaignSchedule, Questionnaire
from reports.surveys.tests.factories import make_campaign, small_questionnaire, world_campaign
from roadmap import actions as roadmap_actions
from roadmap.deadlines import occurrence_windows, parse_deadline
from roadmap.models import EvidenceSuggestion, Occurrence
from roadmap.tests.factories import AcademicYearFactory, ActivityFactory, ApprovedRoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- periods


def test_quarters_are_those_of_the_roadmaps_quarterly_occurrences():
    periods = schedules.periods_of_year("quarterly", 2026)
    assert [(p.start, p.end) for p in periods] == [
        (date(2026, 9, 1), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2027, 2, 28)),
        (date(2027, 3, 1), date(2027, 5, 31)),
        (date(2027, 6, 1), date(2027, 8, 31)),
    ]
    deadline = parse_deadline("1 раз в четверть", 2026)
    roadmap_windows = occurrence_windows(
        deadline.recurrence, deadline.start, deadline.end, deadline.text, 2026
    )
    assert [(p.start, p.end) for p in periods] == roadmap_windows
    assert [p.label for p in periods][:2] == ["I четверть 2026/2027", "II четверть 2026/2027"]


def test_months_are_those_of_the_roadmaps_monthly_occurrences():
    periods = schedules.periods_of_year("monthly", 2026)
    deadline = parse_deadline("ежемесячно", 2026)
    assert [(p.start, p.end) for p in periods] == occurrence_windows(
        deadline.recurrence, deadline.start, deadline.end, deadline.text, 2026
    )
    assert (periods[5].start, periods[5].label) == (date(2027, 2, 1), "февраль 2027")


@pytest.mark.parametrize(
    ("day", "current", "following"),
    [
        (date(2026, 9, 1), date(2026, 9, 1), date(2026, 12, 1)),
        (date(2026, 11, 30), date(2026, 9, 1), date(2026, 12, 1)),
        (date(2027, 1, 15), date(2026, 12, 1), date(2027, 3, 1)),
        (date(2027, 8, 31), date(2027, 6, 1), date(2027, 9, 1)),
    ],
)
def test_the_period_of_a_day_and_the_next_one(day, current, following):
    assert schedules.period_of("quarterly", day).start == current
    assert schedules.period_after("quarterly", day).start == following


def test_a_schedule_starts_with_the_period_starting_today_or_the_next():
    assert schedules.first_period_from("quarterly", date(2026, 12, 1)).start == date(2026, 12, 1)
    assert schedules.first_period_from("quarterly", date(2026, 12, 2)).start == date(2027, 3, 1)
    assert schedules.first_period_from("monthly", date(2027, 2, 10)).start == date(2027, 3, 1)


# ---------------------------------------------------------------- the periodic run


def _schedule(world, *, frequency="quarterly", made_on: date, days_open=14, **campaign_fields):
    source = world_campaign(world) if not campaign_fields else make_campaign(world.org, **campaign_fields)
    return actions.schedule_create(
        source, actor=None, frequency=frequency, days_open=days_open, today=made_on
    )


def test_the_run_opens_the_periods_campaign_on_its_first_day_once(world):
    schedule = _schedule(world, made_on=date(2026, 11, 20))
    assert schedule.starts_on == date(2026, 12, 1)
    assert schedules.run_schedules(date(2026, 11, 30))["opened"] == 0
    assert schedules.run_schedules(date(2026, 12, 1)) == {"opened": 1, "failed": 0, "closed": 0}
    assert schedules.run_schedules(date(2026, 12, 1))["opened"] == 0
    assert schedules.run_schedules(date(2026, 12, 5))["opened"] == 0
    campaign = Campaign.objects.get(schedule=schedule)
    source = schedule.source
    assert campaign.title == f"{source.title} — II четверть 2026/2027"
    assert (campaign.opens_on, campaign.closes_on, campaign.period_start) == (
        date(2026, 12, 1),
        date(2026, 12, 14),
        date(2026, 12, 1),
    )
    assert campaign.status == Campaign.Status.OPEN
    assert (campaign.questionnaire_id, campaign.target, campaign.anonymous) == (
        source.questionnaire_id,
        source.target,
        source.anonymous,
    )
    assert list(campaign.target_pairs.all()) == list(source.target_pairs.all())
    assert campaign.participations.count() == source.participations.count() > 0


def test_one_campaign_per_schedule_and_period_is_kept_by_the_database(world):
    from django.db import IntegrityError, transaction

    schedule = _schedule(world, made_on=date(2026, 11, 20))
    schedules.run_schedules(date(2026, 12, 1))
    copy = Campaign.objects.get(schedule=schedule)
    copy.pk, copy.uuid = None, None
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.create(
            **{
                f.attname: getattr(copy, f.attname)
                for f in Campaign._meta.concrete_fields
                if f.attname not in ("id", "uuid")
            }
        )


def test_the_run_closes_a_scheduled_campaign_after_its_days_and_the_next_period_opens(world):
    schedule = _schedule(world, made_on=date(2026, 11, 20))
    schedules.run_schedules(date(2026, 12, 1))
    assert schedules.run_schedules(date(2026, 12, 14))["closed"] == 0
    assert schedules.run_schedules(date(2026, 12, 15))["closed"] == 1
    assert schedules.run_schedules(date(2026, 12, 16))["closed"] == 0
    assert Campaign.objects.get(schedule=schedule).status == Campaign.Status.CLOSED
    # A campaign made by hand is never closed by the run.
    assert world_campaign(world).status == Campaign.Status.OPEN
    schedules.run_schedules(date(2027, 3, 1))
    assert list(schedule.campaigns.order_by("period_start").values_list("period_start", flat=True)) == [
        date(2026, 12, 1),
        date(2027, 3, 1),
    ]


def test_a_missed_run_still_opens_the_campaign_within_its_days_but_not_after(world):
    schedule = _schedule(world, made_on=date(2026, 11, 20), days_open=5)
    assert schedules.run_schedules(date(2026, 12, 6))["opened"] == 0  # 1–5 December are over
    assert schedules.run_schedules(date(2027, 3, 3))["opened"] == 1
    assert Campaign.objects.get(schedule=schedule).closes_on == date(2027, 3, 5)


def test_a_stopped_schedule_opens_nothing_and_resumes_from_the_next_period(world):
    schedule = _schedule(world, made_on=date(2026, 11, 20))
    actions.schedule_stop(schedule, actor=None)
    assert schedules.run_schedules(date(2026, 12, 1))["opened"] == 0
    schedule = actions.schedule_resume(schedule, actor=None, today=date(2026, 12, 10))
    assert schedule.starts_on == date(2027, 3, 1)
    assert schedules.run_schedules(date(2026, 12, 10))["opened"] == 0
    assert schedules.next_run(schedule, date(2026, 12, 10)) == date(2027, 3, 1)


def test_a_period_that_cannot_open_is_recorded_on_the_schedule_and_nothing_is_created(world):
    schedule = _schedule(
        world,
        made_on=date(2026, 11, 20),
        target=Campaign.Target.SCHOOL_CLASS,
        target_class="11Я",
        launch=False,
    )
    assert schedules.run_schedules(date(2026, 12, 1)) == {"opened": 0, "failed": 1, "closed": 0}
    schedule.refresh_from_db()
    assert "опрашивать некого" in schedule.last_error
    assert not Campaign.objects.filter(schedule=schedule).exists()


def test_next_run_is_today_while_the_periods_campaign_is_due_then_the_next_period(world):
    schedule = _schedule(world, made_on=date(2026, 12, 1))
    schedule = CampaignSchedule.objects.for_list().get(pk=schedule.pk)
    assert schedules.next_run(schedule, date(2026, 12, 1)) == date(2026, 12, 1)
    schedules.run_schedules(date(2026, 12, 1))
    schedule = CampaignSchedule.objects.for_list().get(pk=schedule.pk)
    assert schedules.next_run(schedule, date(2026, 12, 1)) == date(2027, 3, 1)


def test_bad_schedule_input_is_refused_in_russian_and_nothing_is_created(world):
    source = world_campaign(world)
    with pytest.raises(actions.ActionRefused, match="от 1 до 92"):
        actions.schedule_create(source, actor=None, frequency="quarterly", days_open=0)
    with pytest.raises(actions.ActionRefused, match="не больше 28"):
        actions.schedule_create(source, actor=None, frequency="monthly", days_open=40)
    actions.schedule_create(source, actor=None, frequency="quarterly", days_open=14)
    with pytest.raises(actions.ActionRefused, match="уже действует"):
        actions.schedule_create(source, actor=None, frequency="quarterly", days_open=7)
    assert CampaignSchedule.objects.count() == 1


# ---------------------------------------------------------------- evidence for the period's occurrence


@pytest.fixture
def diagnostics(world):
    """The quarterly diagnostics of last academic year's approved roadmap (2025/2026)."""
    roadmap = ApprovedRoadmapFactory(
        organization=world.org, academic_year=AcademicYearFactory(start_year=2025)
    )
    activity = ActivityFactory(
        stage=StageFactory(roadmap=roadmap),
        title="Диагностика профессиональных затруднений наставляемых",
        deadline_text="1 раз в четверть",
    )
    roadmap_actions.schedule_occurrences([activity], 2025)
    return activity


def test_the_closed_campaign_is_offered_for_its_quarters_occurrence_and_counts_there_once_accepted(
    world, diagnostics
):
    questionnaire = small_questionnaire(world.org, title="Диагностика", kind=Questionnaire.Kind.DIAGNOSTIC)
    from pairs.tests.factories import world_pair

    source = make_campaign(
        world.org, questionnaire, pairs=[world_pair(world)], title="Диагностика затруднений"
    )
    schedule = actions.schedule_create(
        source, actor=None, frequency="quarterly", days_open=14, today=date(2026, 2, 20)
    )
    schedules.run_schedules(date(2026, 3, 1))  # III quarter: March – May 2026
    assert not EvidenceSuggestion.objects.exists()  # nothing is offered before the campaign closes
    schedules.run_schedules(date(2026, 3, 15))
    suggestion = EvidenceSuggestion.objects.get(activity=diagnostics)
    campaign = Campaign.objects.get(schedule=schedule)
    assert suggestion.object_id == campaign.pk and suggestion.happened_on == date(2026, 3, 14)
    assert suggestion.status == EvidenceSuggestion.Status.PENDING
    # No silent completion: the occurrences stay planned until the curator accepts.
    assert not diagnostics.occurrences.filter(status=Occurrence.Status.DONE).exists()
    roadmap_actions.evidence_accept(suggestion, actor=world.users["curator"])
    done = diagnostics.occurrences.get(status=Occurrence.Status.DONE)
    assert (done.start, done.end) == (date(2026, 3, 1), date(2026, 5, 31))
    assert diagnostics.occurrences.filter(status=Occurrence.Status.PLANNED).count() == 3


# ---------------------------------------------------------------- pages


def test_curator_makes_a_schedule_from_the_campaign_page(world, client):
    campaign = world_campaign(world)
    client.force_login(world.users["curator"])
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Повторять по расписанию" in page
    response = client.post(
        reverse("surveys:schedule_create", args=[campaign.uuid]), {"frequency": "monthly", "days_open": "10"}
    )
    assert response.status_code == 302 and response.url == reverse("surveys:schedule_list")
    schedule = CampaignSchedule.objects.get()
    assert (schedule.source, schedule.frequency, schedule.days_open) == (campaign, "monthly", 10)
    listing = client.get(reverse("surveys:schedule_list")).content.decode()
    assert (
        campaign.title in listing
        and f"{schedules.next_run(schedule, timezone.localdate()):%d.%m.%Y}" in listing
    )


def test_bad_days_on_the_page_give_a_message_and_no_schedule(world, client):
    campaign = world_campaign(world)
    client.force_login(world.users["curator"])
    response = client.post(
        reverse("surveys:schedule_create", args=[campaign.uuid]),
        {"frequency": "quarterly", "days_open": "0"},
        follow=True,
    )
    assert "Дней на ответы — не меньше одного." in response.content.decode()
    assert not CampaignSchedule.objects.exists()


def test_curator_stops_and_resumes_the_director_reads_but_may_not(world, client):
    schedule = actions.schedule_create(world_campaign(world), actor=None, frequency="quarterly", days_open=14)
    client.force_login(world.users["director"])
    assert client.get(reverse("surveys:schedule_list")).status_code == 200
    assert client.post(reverse("surveys:schedule_stop", args=[schedule.uuid])).status_code == 403
    client.force_login(world.users["curator"])
    client.post(reverse("surveys:schedule_stop", args=[schedule.uuid]))
    schedule.refresh_from_db()
    assert not schedule.active
    client.post(reverse("surveys:schedule_resume", args=[schedule.uuid]))
    schedule.refresh_from_db()
    assert schedule.active


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_mentor_and_mentee_cannot_make_or_see_schedules(world, client, role):
    campaign = world_campaign(world)
    schedule = actions.schedule_create(campaign, actor=None, frequency="quarterly", days_open=14)
    client.force_login(world.users[role])
    assert client.get(reverse("surveys:schedule_list")).status_code == 403
    assert (
        client.post(
            reverse("surveys:schedule_create", args=[campaign.uuid]),
            {"frequency": "monthly", "days_open": "5"},
        ).status_code
        == 403
    )
    assert client.post(reverse("surveys:schedule_stop", args=[schedule.uuid])).status_code == 404
    assert CampaignSchedule.objects.count() == 1 and CampaignSchedule.objects.get().active


def test_curator_of_another_school_gets_404_and_sees_none_in_the_list(world, client):
    campaign = world_campaign(world)
    schedule = actions.schedule_create(campaign, actor=None, frequency="quarterly", days_open=14)
    client.force_login(world.other_curator)
    assert client.post(reverse("surveys:schedule_stop", args=[schedule.uuid])).status_code == 404
    assert (
        client.post(
            reverse("surveys:schedule_create", args=[campaign.uuid]),
            {"frequency": "monthly", "days_open": "5"},
        ).status_code
        == 404
    )
    assert campaign.title not in client.get(reverse("surveys:schedule_list")).content.decode()


def test_the_schedule_list_reads_in_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    from pairs.tests.factories import world_pair

    pair = world_pair(world)
    for n in range(4):
        source = make_campaign(world.org, pairs=[pair], title=f"Диагностика {n}")
        actions.schedule_create(
            source, actor=None, frequency="quarterly", days_open=14, today=date(2026, 8, 20)
        )
        schedules.run_schedules(date(2026, 9, 1 + n))
    assert Campaign.objects.filter(schedule__isnull=False).count() == 4
    client.force_login(world.users["curator"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("surveys:schedule_list"))
    assert response.content.decode().count('id="schedule-') == 4


def test_the_worker_runs_the_schedules_every_hour(world):
    from procrastinate.contrib.django import app

    from reports.surveys.tasks import run_campaign_schedules

    periodic = {task.periodic_id: task for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic["run_campaign_schedules"].cron == "7 * * * *"
    today = timezone.localdate()
    # Open for the whole quarter: today's quarter is due, whatever today is.
    actions.schedule_create(
        world_campaign(world), actor=None, frequency="quarterly", days_open=92, today=today
    )
    schedule = CampaignSchedule.objects.get()
    CampaignSchedule.objects.filter(pk=schedule.pk).update(
        starts_on=schedules.period_of("quarterly", today).start
    )
    assert run_campaign_schedules(timestamp=0) == {"opened": 1, "failed": 0, "closed": 0}
    assert run_campaign_schedules(timestamp=0) == {"opened": 0, "failed": 0, "closed": 0}
