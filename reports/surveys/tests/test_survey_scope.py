"""Who sees which campaigns, questionnaires and responses: `visible_to(user, action)` of the
survey querysets. The world's named campaign is sent to the world's pair (mentor and mentee)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from people.access import forget
from people.models import Membership
from reports.surveys.models import Campaign, Questionnaire, SurveyResponse
from reports.surveys.tests.factories import make_campaign, world_campaign, world_draft, world_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaigns(world):
    return {
        "sent": world_campaign(world),
        "draft": world_draft(world),
        "other_org": make_campaign(world.other_org, target=Campaign.Target.MENTORS, launch=False),
    }


def visible(user, action="view") -> set[Campaign]:
    return set(Campaign.objects.visible_to(user, action))


@pytest.mark.parametrize("role", ["director", "curator"])
def test_staff_reader_sees_every_campaign_of_own_school_only(world, campaigns, role):
    assert visible(world.users[role]) == {campaigns["sent"], campaigns["draft"]}


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_addressee_sees_the_campaign_sent_to_them_only(world, campaigns, role):
    assert visible(world.users[role]) == {campaigns["sent"]}


def test_curator_of_other_school_sees_only_that_school(world, campaigns):
    assert visible(world.other_curator) == {campaigns["other_org"]}


def test_anonymous_sees_nothing(campaigns):
    assert not Campaign.objects.visible_to(AnonymousUser()).exists()


def test_global_admin_sees_every_campaign(world, campaigns):
    assert visible(world.users["admin"]) == set(campaigns.values())


def test_addressees_and_the_director_do_not_manage_campaigns(world, campaigns):
    assert visible(world.users["curator"], "manage") == {campaigns["sent"], campaigns["draft"]}
    for role in ("director", "mentor", "mentee"):
        assert visible(world.users[role], "manage") == set()


def test_addressee_who_left_the_school_no_longer_sees_its_campaign(world, campaigns):
    mentor = world.users["mentor"]
    Membership.objects.filter(user=mentor).delete()
    forget(mentor)
    assert visible(mentor) == set()


def test_questionnaires_and_responses_are_the_staffs_only(world, campaigns):
    response = world_response(world)
    for role in ("mentor", "mentee"):
        assert not Questionnaire.objects.visible_to(world.users[role]).exists()
        assert not SurveyResponse.objects.visible_to(world.users[role]).exists()
    assert list(SurveyResponse.objects.visible_to(world.users["curator"])) == [response]
    assert not SurveyResponse.objects.visible_to(world.other_curator).exists()
    assert list(Questionnaire.objects.visible_to(world.other_curator)) == [
        campaigns["other_org"].questionnaire
    ]
