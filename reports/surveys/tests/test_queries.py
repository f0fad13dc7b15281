"""Survey lists and results load what they show in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair, world_pair
from reports.surveys import actions as survey_actions
from reports.surveys.models import Participation
from reports.surveys.tests.factories import make_campaign, submit, world_campaign

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    """Queries of the page as usually served: the dashboard's kept figures, left stale by the
    writes before, are computed again by a first request (mentoring.lib.dashboard.kept)."""
    if url == reverse("dashboard"):
        client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _respondents(world, campaign, n: int) -> None:
    """`n` more addressees who all answer, with a comment and several options chosen."""
    for _ in range(n):
        mentee = consenting_mentee(world.org)
        Participation.objects.create(campaign=campaign, person=mentee.person)
        submit(campaign, mentee.person, overall=7, **{"Комментарий": "текст", "Что было полезно": [0, 1]})


def _campaigns(world, n: int) -> None:
    for i in range(n):
        pair = make_pair(
            world.org, [consenting_mentor(world.org)], [consenting_mentee(world.org)], status="active"
        )
        make_campaign(world.org, pairs=[pair], title=f"Ещё {i}")
        survey_actions.questionnaire_from_template(world.org, "diagnostic", actor=None)


@pytest.mark.parametrize("name", ["campaign_results", "campaign_detail"])
def test_campaign_pages_do_not_grow_with_answers(world, login, name):
    campaign = world_campaign(world)
    client = login(world.users["curator"])
    url = reverse(f"surveys:{name}", args=[campaign.uuid])
    _respondents(world, campaign, 2)
    small = _count(client, url)
    _respondents(world, campaign, 6)
    assert _count(client, url) == small


def test_results_with_a_baseline_do_not_grow_with_answers(world, login):
    start = world_campaign(world)
    end = make_campaign(world.org, pairs=[world_pair(world)], title="Итог", baseline=start)
    client = login(world.users["director"])
    url = reverse("surveys:campaign_results", args=[end.uuid])
    _respondents(world, start, 1)
    _respondents(world, end, 1)
    small = _count(client, url)
    _respondents(world, start, 4)
    _respondents(world, end, 4)
    assert _count(client, url) == small


@pytest.mark.parametrize("name", ["campaign_list", "questionnaire_list", "my_surveys"])
def test_lists_do_not_grow_with_campaigns(world, login, name):
    world_campaign(world)
    client = login(world.users["curator"])
    url = reverse(f"surveys:{name}")
    _campaigns(world, 1)
    small = _count(client, url)
    _campaigns(world, 4)
    assert _count(client, url) == small


def test_respondent_pages_do_not_grow(world, login):
    campaign = world_campaign(world)
    client = login(world.users["mentee"])
    submit(campaign, world.person_of("mentee"), **{"Что было полезно": [0]})
    urls = [
        reverse("dashboard"),
        reverse("surveys:my_surveys"),
        reverse("surveys:campaign_answer", args=[campaign.uuid]),
    ]
    small = [_count(client, url) for url in urls]
    for i in range(3):
        make_campaign(world.org, pairs=[world_pair(world)], title=f"Ещё {i}")
    submit(campaign, world.person_of("mentee"), **{"Что было полезно": [0, 1, 2], "Комментарий": "ещё"})
    assert [_count(client, url) for url in urls] == small


def test_response_detail_and_questionnaire_detail_do_not_grow(world, login):
    campaign = world_campaign(world)
    client = login(world.users["curator"])
    response = submit(campaign, world.person_of("mentee")).response
    urls = [
        reverse("surveys:response_detail", args=[response.uuid]),
        reverse("surveys:questionnaire_detail", args=[campaign.questionnaire.uuid]),
    ]
    small = [_count(client, url) for url in urls]
    submit(campaign, world.person_of("mentee"), **{"Что было полезно": [0, 1, 2], "Комментарий": "ещё"})
    from reports.surveys.models import Question, Section

    section = Section.objects.create(questionnaire=campaign.questionnaire, position=2, title="Ещё")
    for n in range(3):
        Question.objects.create(section=section, position=n, text=f"В{n}", kind="yesno")
    assert [_count(client, url) for url in urls] == small
