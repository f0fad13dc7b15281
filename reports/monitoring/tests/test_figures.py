"""The kept yearly figures: the same as computed afresh, read in one query while nothing changed,
stale after any write to what they count (single saves, bulk inserts, queryset updates, deletes,
raw SQL), for that organization only, and refreshed by the command."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pairs.models import Feedback, Meeting, Pair
from pairs.tests.factories import log_meeting
from people.models import MentoringForm, Person
from people.tests.factories import PersonFactory
from reports.monitoring import figures, indicators
from reports.monitoring.models import YearFigures
from reports.monitoring.tests import stats_data
from roadmap.models import Activity
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    return stats_data.build(world)


def kept(world, data) -> dict:
    return figures.year_figures([world.org.pk, world.other_org.pk], data["year"], timezone.localdate())


def row(org, year) -> YearFigures:
    return YearFigures.objects.get(organization=org, academic_year=year)


def test_kept_figures_equal_fresh_ones(world, data):
    today = timezone.localdate()
    fresh = indicators.compute([world.org.pk, world.other_org.pk], data["year"], today)
    assert kept(world, data) == fresh
    assert kept(world, data) == fresh  # read back from the rows


def test_fresh_figures_cost_one_query_for_any_number_of_organizations(world, data):
    kept(world, data)
    with CaptureQueriesContext(connection) as queries:
        kept(world, data)
    assert len(queries) == 1


def _meetings(world, data) -> int:
    return kept(world, data)[world.org.pk].meetings


def test_a_logged_meeting_shows_at_once(world, data):
    before = _meetings(world, data)
    log_meeting(data["pairs"][0], Meeting.Kind.REGULAR)
    assert _meetings(world, data) == before + 1


def test_bulk_inserted_meetings_show_at_once(world, data):
    before = _meetings(world, data)
    pair = data["pairs"][0]
    Meeting.objects.bulk_create(
        Meeting(
            pair=pair,
            kind=Meeting.Kind.REGULAR,
            status=Meeting.Status.HELD,
            date=timezone.localdate(),
            topic=f"№ {n}",
        )
        for n in range(3)
    )
    assert _meetings(world, data) == before + 3


def test_queryset_update_and_delete_show_at_once(world, data):
    before = kept(world, data)[world.org.pk].figures
    assert before.pairs_active
    Pair.objects.filter(organization=world.org, status=Pair.Status.ACTIVE).update(
        status=Pair.Status.TERMINATED, ended_on=timezone.localdate(), end_reason="Перевод в другую школу"
    )
    after = kept(world, data)[world.org.pk].figures
    assert after.pairs_active == 0
    assert after.pairs_terminated == before.pairs_terminated + before.pairs_active
    count = after.feedback_count
    assert count
    Feedback.objects.filter(meeting__pair__organization=world.org).delete()
    assert kept(world, data)[world.org.pk].figures.feedback_count == 0


def test_raw_sql_and_nested_rows_mark_the_figures_stale(world, data):
    year = data["year"]
    roadmap = ApprovedRoadmapFactory(organization=world.org, academic_year=year)
    early = year.starts_on + timedelta(days=3)
    activity = ActivityFactory(
        stage=StageFactory(roadmap=roadmap), deadline_text="", start=early, end=early, status="planned"
    )
    assert kept(world, data)[world.org.pk].activities_on_time == 0
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE roadmap_activity SET status = %s, completed_on = %s WHERE id = %s",
            [Activity.Status.DONE, early, activity.pk],
        )
    assert kept(world, data)[world.org.pk].activities_on_time == 1


def test_a_write_in_one_school_leaves_the_others_fresh(world, data):
    kept(world, data)
    versions = {org.pk: row(org, data["year"]).version for org in (world.org, world.other_org)}
    Person.objects.bulk_create([PersonFactory.build(organization=world.other_org)])
    assert row(world.org, data["year"]).version == versions[world.org.pk]
    assert row(world.other_org, data["year"]).version == versions[world.other_org.pk] + 1
    assert not row(world.org, data["year"]).stale and row(world.other_org, data["year"]).stale


def test_renaming_a_form_marks_every_school(world, data):
    kept(world, data)
    form = MentoringForm.objects.get(name=data["pairs"][0].form.name)
    MentoringForm.objects.filter(pk=form.pk).update(name="наставник – стажёр")
    assert row(world.org, data["year"]).stale and row(world.other_org, data["year"]).stale
    assert "наставник – стажёр" in kept(world, data)[world.org.pk].figures.by_form


def test_a_new_day_is_judged_again(world, data):
    kept(world, data)
    year_row = row(world.org, data["year"])
    YearFigures.objects.filter(pk=year_row.pk).update(
        reference_day=year_row.reference_day - timedelta(days=1)
    )
    with CaptureQueriesContext(connection) as queries:
        kept(world, data)
    assert len(queries) > 1
    assert row(world.org, data["year"]).reference_day == indicators.reference_day(
        data["year"], timezone.localdate()
    )


def test_a_write_during_the_computation_leaves_the_row_stale(world, data):
    """The figures are stored as of the version read before computing."""
    kept(world, data)
    log_meeting(data["pairs"][0], Meeting.Kind.REGULAR)
    stale_version = row(world.org, data["year"]).version
    figures._store([world.org.pk], data["year"], timezone.localdate(), {world.org.pk: stale_version - 1})
    assert row(world.org, data["year"]).stale


def test_the_command_refreshes_stale_rows(world, data, capsys):
    kept(world, data)
    log_meeting(data["pairs"][0], Meeting.Kind.REGULAR)
    assert row(world.org, data["year"]).stale
    call_command("refresh_figures")
    assert "Пересчитано строк: 1" in capsys.readouterr().out
    assert not row(world.org, data["year"]).stale
    with CaptureQueriesContext(connection) as queries:
        kept(world, data)
    assert len(queries) == 1


def test_the_periodic_job_refreshes_stale_rows(world, data):
    """The worker's every-minute job does what the command does: the figures are at most a minute
    behind a write."""
    from reports.monitoring.tasks import refresh_year_figures

    kept(world, data)
    log_meeting(data["pairs"][0], Meeting.Kind.REGULAR)
    assert row(world.org, data["year"]).stale
    assert refresh_year_figures(timestamp=0) == 1
    assert not row(world.org, data["year"]).stale
    assert refresh_year_figures(timestamp=0) == 0


def test_the_statistics_page_shows_a_bulk_update(world, data, login):
    client = login(world.users["curator"])
    url = reverse("statistics:index")

    def in_project() -> int:
        indicators = client.get(url).context["indicators"]
        return next(value for label, value, _ in indicators if label == "Пар и групп в проекте")

    before = in_project()
    total = Pair.objects.filter(organization=world.org).count()
    assert before < total
    Pair.objects.filter(organization=world.org).update(status=Pair.Status.PROJECT)
    assert in_project() == total


@pytest.mark.parametrize(
    "value, kind",
    [
        (None, "int"),
        (7, "int"),
        (0.335, "share"),
        (0.5, "share"),
        (4.125, "score"),
        (7.0, "score"),
        (2.25, "ratio"),
    ],
)
def test_side_by_side_cells_read_as_the_value_template(value, kind):
    from django.template.loader import render_to_string

    shown = render_to_string("monitoring/_value.html", {"value": value, "kind": kind}).strip()
    shown = shown.replace('<span class="text-muted">—</span>', "—")
    assert indicators.cell(value, kind) == shown


def test_side_by_side_row_escapes_and_mutes_the_dash():
    from reports.monitoring.templatetags.monitoring_tags import value_cells

    assert value_cells(["<b>1</b>", "—"]) == (
        '<td class="text-end">&lt;b&gt;1&lt;/b&gt;</td><td class="text-end text-muted">—</td>'
    )
