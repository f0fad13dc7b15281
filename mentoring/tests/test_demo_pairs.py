from __future__ import annotations

import random

import pytest

from mentoring import demo
from pairs.models import Feedback, Meeting, Pair, Program
from people.models import Organization, User

pytestmark = pytest.mark.django_db


def _snapshot():
    return (Pair.objects.count(), Meeting.objects.count(), Feedback.objects.count(), Program.objects.count())


def test_demo_school_has_every_status_kind_and_the_demo_pair():
    demo.seed_demo()
    org = Organization.objects.get(slug="school7")
    pairs = Pair.objects.filter(organization=org)
    assert set(pairs.values_list("status", flat=True)) == set(Pair.Status.values)
    assert set(Meeting.objects.filter(pair__organization=org).values_list("kind", flat=True)) == set(
        Meeting.Kind.values
    )
    assert any(p.is_group for p in pairs.for_list())
    assert Program.objects.filter(pair__organization=org).count() >= 4
    # Every approved programme names its approver (the director) or its order; one awaits approval.
    programs = Program.objects.filter(pair__organization=org)
    approved = programs.filter(status=Program.Status.APPROVED)
    assert approved.exists()
    assert all(p.approver_name == "С.В. Прохорова" or (p.order_number and p.order_date) for p in approved)
    assert approved.exclude(order_number="").exists() and approved.filter(order_number="").exists()
    assert programs.filter(status=Program.Status.REVIEW).exists()
    shared = pairs.filter(
        status=Pair.Status.ACTIVE,
        pair_mentors__mentor__person__user__username="mentor",
        pair_mentees__mentee__person__user__username="mentee",
    ).get()
    for username in ("mentor", "mentee"):
        people = org.people.filter(user__username=username).values("id")
        assert Meeting.objects.filter(pair=shared).pending_feedback_for(people).exists()
    before = _snapshot()
    demo.seed_demo()
    assert _snapshot() == before


def test_generated_schools_get_about_120_pairs_with_meetings_and_feedback():
    demo.seed_organizations(1)
    org = Organization.objects.get(slug__startswith="gen-")
    pairs = Pair.objects.filter(organization=org)
    assert 100 <= pairs.count() <= 140
    meetings = Meeting.objects.filter(pair__organization=org)
    active_or_done = pairs.filter(status__in=["active", "completed"]).count()
    assert meetings.count() >= 8 * active_or_done
    assert Feedback.objects.filter(meeting__pair__organization=org).count() == 2 * meetings.count()
    assert (
        pairs.filter(status=Pair.Status.TERMINATED).exclude(end_reason="").count()
        == pairs.filter(status=Pair.Status.TERMINATED).count()
    )
    random.seed(0)


def _survey_snapshot():
    from reports.surveys.models import Answer, Campaign, Participation, Questionnaire, SurveyResponse

    return tuple(m.objects.count() for m in (Questionnaire, Campaign, Participation, SurveyResponse, Answer))


def test_demo_has_a_finished_campaign_with_answers_for_every_template():
    from reports.surveys.models import Campaign, Participation
    from reports.surveys.results import compare
    from reports.surveys.standard import TEMPLATES

    demo.seed_demo()
    org = Organization.objects.get(slug="school7")
    closed = Campaign.objects.filter(organization=org, status=Campaign.Status.CLOSED)
    for key in TEMPLATES:
        campaign = closed.filter(questionnaire__template_key=key).get()
        assert campaign.responses.count() >= 1, key
        assert campaign.participations.filter(answered=True).count() == campaign.responses.count()
    end = closed.get(questionnaire__template_key="satisfaction_end")
    growth = compare(end.baseline, end)
    assert len(growth) == 6 and all(g.same_people >= 1 for g in growth)
    assert closed.filter(anonymous=True, responses__person__isnull=False).count() == 0
    # The running campaign waits for the demo mentor and mentee.
    for username in ("mentor", "mentee"):
        waiting = Participation.objects.filter(
            person__user__username=username, answered=False, campaign__in=Campaign.objects.accepting()
        )
        assert waiting.exists()
    # The demo parent: a running survey for parents, the young child's surveys, no teachers' one.
    from reports.surveys.standard import STAFF_TEMPLATES

    mine = Participation.objects.of_representative(User.objects.get(username="parent"))
    assert mine.filter(
        representative__isnull=False, answered=False, campaign__in=Campaign.objects.accepting()
    ).exists()
    assert not Participation.objects.filter(
        person__kind="student", campaign__questionnaire__template_key__in=STAFF_TEMPLATES
    ).exists()
    before = _survey_snapshot()
    demo.seed_demo()
    assert _survey_snapshot() == before
