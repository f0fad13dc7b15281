"""A questionnaire written for teachers (the shipped «Анкета наставляемого (профессиональные
запросы)», the diagnostic, the candidate mentor's and the curator's) reaches the staff only: not
a student mentee, and so not the parent who answers for a child under 14. «Мои анкеты» of a
parent lists what is sent to them and, for a young child, what the child is asked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.lib.actions import ActionRefused
from pairs.models import Pair
from pairs.tests.factories import consenting_mentor, give_consent, make_pair
from people.models import Membership
from people.tests.factories import (
    MenteeFactory,
    PersonFactory,
    RepresentativeFactory,
    StudentFactory,
    UserFactory,
)
from reports.surveys import actions
from reports.surveys.models import Campaign
from reports.surveys.tests.factories import make_campaign

pytestmark = pytest.mark.django_db
MINE = reverse("surveys:my_surveys")


@pytest.fixture
def family(world):
    """A teacher mentee and a 10-year-old student mentee in a pair, the child's parent with an account."""
    teacher = MenteeFactory(person=PersonFactory(organization=world.org, last_name="Учителева"))
    give_consent(teacher.person)
    child = StudentFactory(
        organization=world.org, last_name="Малышева", birth_date=timezone.localdate() - timedelta(days=3650)
    )
    give_consent(child)
    young = MenteeFactory(person=child, category="motivated")
    pair = make_pair(world.org, [consenting_mentor(world.org)], [young], status=Pair.Status.ACTIVE)
    parent = UserFactory(username="mama")
    Membership.objects.create(user=parent, organization=world.org, role="representative")
    RepresentativeFactory(student=child, user=parent)
    return teacher, child, pair, parent


def test_a_teacher_questionnaire_sent_to_all_mentees_reaches_the_teachers_only(world, family):
    teacher, child, _, _ = family
    questionnaire = actions.questionnaire_from_template(world.org, "mentee_requests", actor=None)
    campaign = make_campaign(world.org, questionnaire, target=Campaign.Target.MENTEES)
    addressed = set(campaign.participations.values_list("person_id", flat=True))
    assert teacher.person_id in addressed
    assert child.pk not in addressed


def test_a_shared_questionnaire_still_reaches_the_students(world, family):
    _, child, pair, _ = family
    questionnaire = actions.questionnaire_from_template(world.org, "satisfaction_start", actor=None)
    campaign = make_campaign(world.org, questionnaire, target=Campaign.Target.PAIRS, pairs=[pair])
    assert child.pk in set(campaign.participations.values_list("person_id", flat=True))


@pytest.mark.parametrize(
    "target, extra",
    [(Campaign.Target.PARENTS_ALL, {}), (Campaign.Target.SCHOOL_CLASS, {"target_class": "5А"})],
)
def test_a_teacher_questionnaire_for_students_or_parents_is_refused(world, target, extra):
    questionnaire = actions.questionnaire_from_template(world.org, "diagnostic", actor=None)
    with pytest.raises(ActionRefused, match="составлена для педагогов"):
        make_campaign(world.org, questionnaire, target=target, launch=False, **extra)
    assert not Campaign.objects.exists()


def test_the_campaign_form_explains_the_refusal_in_russian(world, login):
    questionnaire = actions.questionnaire_from_template(world.org, "mentee_requests", actor=None)
    today = timezone.localdate()
    response = login(world.users["curator"]).post(
        reverse("surveys:campaign_create"),
        {
            "questionnaire": questionnaire.pk,
            "title": "Запросы родителей",
            "academic_year": _year(),
            "target": Campaign.Target.PARENTS_ALL,
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=7)).isoformat(),
            "anonymous": "on",
        },
    )
    assert response.status_code == 200
    assert "составлена для педагогов" in response.text
    assert not Campaign.objects.exists()


def _year():
    from people.models import AcademicYear

    return AcademicYear.objects.current().pk


def test_parent_gets_the_childs_survey_not_the_teachers_one(world, family, login):
    teacher, child, pair, parent = family
    teachers = make_campaign(
        world.org,
        actions.questionnaire_from_template(world.org, "mentee_requests", actor=None),
        target=Campaign.Target.MENTEES,
        title="Запросы наставляемых",
    )
    shared = make_campaign(
        world.org,
        actions.questionnaire_from_template(world.org, "satisfaction_start", actor=None),
        target=Campaign.Target.PAIRS,
        pairs=[pair],
        title="Начало программы",
    )
    text = login(parent).get(MINE).text
    assert shared.title in text and f"за ребёнка: {child.short_name}" in text
    assert teachers.title not in text
    assert "профессиональные запросы" not in text


def test_the_teacher_still_gets_the_teachers_survey(world, family, login):
    teacher, _, _, _ = family
    campaign = make_campaign(
        world.org,
        actions.questionnaire_from_template(world.org, "mentee_requests", actor=None),
        target=Campaign.Target.MENTEES,
        title="Запросы наставляемых",
    )
    teacher.person.user = UserFactory(username="teacher")
    teacher.person.save()
    Membership.objects.create(user=teacher.person.user, organization=world.org, role="mentee")
    assert campaign.title in login(teacher.person.user).get(MINE).text


def test_a_parent_of_another_school_sees_none_of_these_surveys(world, family, login):
    _, _, pair, _ = family
    campaign = make_campaign(world.org, target=Campaign.Target.PARENTS_PAIRS, pairs=[pair], title="Родителям")
    stranger = UserFactory(username="far")
    Membership.objects.create(user=stranger, organization=world.other_org, role="representative")
    RepresentativeFactory(student=StudentFactory(organization=world.other_org), user=stranger)
    assert campaign.title not in login(stranger).get(MINE).text
