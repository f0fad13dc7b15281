"""The monitoring page's breakdowns by mentee category and by form of mentoring."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs.models import Feedback, Pair
from pairs.tests.factories import consenting_mentee, consenting_mentor, log_meeting, make_pair
from people.models import AcademicYear, Mentee, MentoringForm
from reports.monitoring import breakdowns, indicators
from reports.monitoring.figures import year_figures

pytestmark = pytest.mark.django_db
C = Mentee.Category


def feedback(meeting, person, score: int) -> Feedback:
    return Feedback.objects.create(
        meeting=meeting, person=person, usefulness=score, comfort=score, clarity=score
    )


@pytest.fixture
def school(world):
    """School A: a teacher pair (young specialist) with two held meetings, rated 8 by the mentee
    and 2 by the mentor; a student group (ОВЗ and motivated) with one meeting rated 6 by the ОВЗ
    student; a mentee in a hard situation waiting without a pair. School B: one ОВЗ pair."""
    org = world.org
    young = consenting_mentee(org, category=C.YOUNG_SPECIALIST)
    mentor = consenting_mentor(org)
    teachers = make_pair(org, [mentor], [young], status=Pair.Status.ACTIVE)
    first, _ = log_meeting(teachers), log_meeting(teachers)
    feedback(first, young.person, 8)
    feedback(first, mentor.person, 2)
    ovz = consenting_mentee(org, student=True, category=C.SPECIAL_NEEDS)
    motivated = consenting_mentee(org, student=True, category=C.HIGHLY_MOTIVATED)
    students = MentoringForm.objects.get(name="ученик – ученик")
    group = make_pair(
        org, [consenting_mentor(org)], [ovz, motivated], status=Pair.Status.ACTIVE, form=students
    )
    feedback(log_meeting(group), ovz.person, 6)
    consenting_mentee(org, category=C.HARD_SITUATION)
    other = make_pair(
        world.other_org,
        [consenting_mentor(world.other_org)],
        [consenting_mentee(world.other_org, category=C.SPECIAL_NEEDS)],
        status=Pair.Status.ACTIVE,
    )
    log_meeting(other)
    return AcademicYear.objects.current()


def kept(org_ids, year) -> indicators.Monitoring:
    """The organizations' kept yearly figures, summed (as the monitoring page reads them)."""
    return indicators.total(year_figures(org_ids, year, timezone.localdate()))


def by_category(org_ids, year):
    return breakdowns.by_category(kept(org_ids, year).category_lines)


def by_form(org_ids, year):
    return breakdowns.by_form(kept(org_ids, year).form_lines)


def table(lines) -> dict[str, tuple]:
    return {line.label: (line.mentees, line.pairs, line.meetings, line.satisfaction) for line in lines}


def test_by_category_counts_mentees_pairs_meetings_and_their_own_feedback(world, school):
    assert table(by_category([world.org.pk], school)) == {
        C.YOUNG_SPECIALIST.label: (1, 1, 2, 8.0),
        C.HIGHLY_MOTIVATED.label: (1, 1, 1, None),
        C.SPECIAL_NEEDS.label: (1, 1, 1, 6.0),
        C.HARD_SITUATION.label: (1, 0, 0, None),
    }


def test_by_form_counts_every_participants_feedback(world, school):
    lines = by_form([world.org.pk], school)
    assert [line.label for line in lines] == ["учитель – учитель", "ученик – ученик"]  # reference order
    assert table(lines) == {"учитель – учитель": (1, 1, 2, 5.0), "ученик – ученик": (2, 1, 1, 6.0)}


def test_several_organizations_add_up(world, school):
    both = [world.org.pk, world.other_org.pk]
    assert table(by_category(both, school))[C.SPECIAL_NEEDS.label] == (2, 2, 2, 6.0)
    assert table(by_form(both, school))["учитель – учитель"][:3] == (2, 2, 3)


def test_breakdown_queries_stay_constant_as_data_grows(world, school, django_assert_num_queries):
    with django_assert_num_queries(5):
        breakdowns.by_category_per_org([world.org.pk], school)
        breakdowns.by_form_per_org([world.org.pk], school)
    for category in (C.NEW_EMPLOYEE, C.LEARNING_DIFFICULTIES, C.OTHER):
        mentee = consenting_mentee(world.org, category=category)
        pair = make_pair(world.org, [consenting_mentor(world.org)], [mentee], status=Pair.Status.ACTIVE)
        feedback(log_meeting(pair), mentee.person, 9)
    with django_assert_num_queries(5):
        breakdowns.by_category_per_org([world.org.pk], school)
        breakdowns.by_form_per_org([world.org.pk], school)
    assert len(by_category([world.org.pk], school)) == 7


def test_breakdowns_are_kept_with_the_yearly_figures_and_follow_every_write(
    world, school, django_assert_num_queries
):
    """Read back from the kept row (one query, nothing counted again), and a new feedback form
    marks the row stale, so that the next read counts it."""
    first = table(by_category([world.org.pk], school))
    with django_assert_num_queries(1):
        assert table(by_category([world.org.pk], school)) == first
    young = Mentee.objects.get(organization=world.org, category=C.YOUNG_SPECIALIST)
    meeting = Pair.objects.get(pair_mentees__mentee=young).meetings.order_by("id").last()
    feedback(meeting, young.person, 10)  # (8 + 10) / 2
    assert table(by_category([world.org.pk], school))[C.YOUNG_SPECIALIST.label] == (1, 1, 2, 9.0)
    assert table(by_form([world.org.pk], school))["учитель – учитель"] == (1, 1, 2, 6.67)


def test_a_renamed_form_of_mentoring_shows_its_new_name(world, school):
    """Reference lists mark every organization's figures stale (the triggers of 0001)."""
    assert by_form([world.org.pk], school)[0].label == "учитель – учитель"
    MentoringForm.objects.filter(name="учитель – учитель").update(name="педагог – педагог")
    assert by_form([world.org.pk], school)[0].label == "педагог – педагог"


def test_curator_sees_the_breakdowns_of_own_school_only(world, school, login, client):
    login(world.users["curator"])
    page = client.get(reverse("statistics:monitoring")).content.decode()
    assert "В разрезе категорий наставляемых и форм наставничества" in page
    assert C.HARD_SITUATION.label in page and "8,00" in page and "5,00" in page
    other_curator_view = client.get(reverse("statistics:monitoring"), {"org": world.other_org.pk})
    assert other_curator_view.status_code == 404


def test_mentor_gets_403(world, login, client):
    login(world.users["mentor"])
    assert client.get(reverse("statistics:monitoring")).status_code == 403
