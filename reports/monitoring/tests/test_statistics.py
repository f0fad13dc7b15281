"""The figures of the statistical form against the known dataset of stats_data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.monitoring import statistics
from reports.monitoring.tests import stats_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    return stats_data.build(world)


def test_figures_of_one_school_match_the_dataset(world, data):
    f = statistics.compute([world.org.pk], data["year"])[world.org.pk]
    assert (f.mentors, f.mentees) == (3, 4)  # the waiting mentee is in the bank, not in a pair
    assert (f.mentors_in_pairs, f.mentees_in_pairs) == (3, 3)
    assert f.teachers_under_35 == 2  # the mentor of 30 and the mentee of 25
    assert f.teachers_under_3_years == 2  # 2 and 1 years; 20 and 12 are not
    assert f.students_mentees_10_18 == 1  # 12 yes, 9 no
    assert f.students_mentors_15_18 == 1
    assert f.mentors_trained == 2  # a recorded training, or the status «активен»
    assert (f.pairs_project, f.pairs_active, f.pairs_completed, f.pairs_terminated) == (0, 1, 1, 1)
    assert (f.programs, f.programs_kpi, f.programs_kpi_share) == (2, 1, 0.5)
    assert f.feedback_count == 2
    assert (f.usefulness, f.comfort, f.clarity) == (8.0, 9.0, 7.0)
    assert f.satisfaction == 8.0
    assert f.by_form == {
        "учитель – учитель": {"mentors": 1, "mentees": 1},
        "учитель – ученик": {"mentors": 1, "mentees": 1},
        "ученик – ученик": {"mentors": 1, "mentees": 1},
    }


def test_other_school_figures_stay_apart_and_add_up(world, data):
    figures = statistics.compute([world.org.pk, world.other_org.pk], data["year"])
    other = figures[world.other_org.pk]
    assert (other.mentors, other.mentees, other.pairs_active, other.feedback_count) == (1, 1, 1, 1)
    assert other.satisfaction == 1.0
    combined = statistics.total(figures)
    assert (combined.mentors, combined.mentees, combined.pairs_active) == (4, 5, 2)
    assert combined.feedback_count == 3
    assert combined.usefulness == round((7 + 9 + 1) / 3, 2)
    assert combined.by_form["учитель – учитель"] == {"mentors": 2, "mentees": 2}


def test_the_school_alone_does_not_see_the_other_school(world, data):
    figures = statistics.compute([world.org.pk], data["year"])
    assert set(figures) == {world.org.pk}
    assert statistics.total(figures).feedback_count == 2


def test_a_year_without_pairs_is_empty(world, data):
    from people.models import AcademicYear

    past = AcademicYear.objects.get_or_create(start_year=data["year"].start_year - 3)[0]
    f = statistics.compute([world.org.pk], past)[world.org.pk]
    assert f.pairs_total == 0 and f.mentors == 0 and f.satisfaction is None and f.programs_kpi_share is None


def test_exactly_90_percent_counts_and_89_does_not(world, data):
    p1 = data["pairs"][0]
    item = p1.program.items.filter(done_on__isnull=False).first()
    item.done_on = None
    item.save()  # 8 of 10 now
    f = statistics.compute([world.org.pk], data["year"])[world.org.pk]
    assert f.programs_kpi == 0


def test_query_count_does_not_depend_on_the_number_of_organizations(world, data):
    year = data["year"]
    with CaptureQueriesContext(connection) as one:
        statistics.compute([world.org.pk], year)
    with CaptureQueriesContext(connection) as two:
        statistics.compute([world.org.pk, world.other_org.pk], year)
    assert len(one) == len(two)
