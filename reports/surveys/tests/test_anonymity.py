"""Anonymous campaigns: no roster of who answered, nothing drawn from fewer than five answers."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jobs.testing import export
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
from reports.surveys.results import campaign_results
from reports.surveys.tests.factories import make_campaign, submit

pytestmark = pytest.mark.django_db

SECRET = "Наставник опаздывает на встречи"


@pytest.fixture
def group(world):
    """A group of one mentor and five mentees: six addressees."""
    pair = make_pair(
        world.org,
        [consenting_mentor(world.org)],
        [consenting_mentee(world.org) for _ in range(5)],
        capacity_override_reason="группа",
        status="active",
    )
    return pair, pair.participant_people()


def _results(world, login, campaign) -> str:
    client = login(world.users["curator"])
    return client.get(reverse("surveys:campaign_results", args=[campaign.uuid])).content.decode()


def _xlsx_text(client, campaign, kind: str) -> str:
    response = export(client, reverse("statistics:campaign_export", args=[campaign.uuid, kind]))
    assert response.status_code == 200
    book = load_workbook(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    )
    return " ".join(
        str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c is not None
    )


def test_curator_sees_no_roster_of_who_answered_an_anonymous_campaign(world, login, group):
    pair, people = group
    campaign = make_campaign(world.org, pairs=[pair], anonymous=True)
    submit(campaign, people[0])
    html = login(world.users["curator"]).get(campaign.get_absolute_url()).content.decode()
    assert people[0].full_name in html  # the addressees are listed …
    assert "ответил(а)" not in html and "ждём" not in html  # … but not who has answered
    assert 'Ответили</dt><dd class="col-7">1 из 6' in html  # only how many


def test_named_campaign_still_shows_who_answered(world, login, group):
    pair, people = group
    campaign = make_campaign(world.org, pairs=[pair])
    submit(campaign, people[0])
    html = login(world.users["curator"]).get(campaign.get_absolute_url()).content.decode()
    assert "ответил(а)" in html


def test_results_of_fewer_than_five_answers_stay_hidden_on_the_page_and_in_the_exports(world, login, group):
    pair, people = group
    campaign = make_campaign(world.org, pairs=[pair], anonymous=True)
    submit(campaign, people[0], **{"Комментарий": SECRET})
    submit(campaign, people[1])
    html = _results(world, login, campaign)
    assert "не менее 5 человек" in html
    assert SECRET not in html and "100\u00a0%" not in html and "100 %" not in html and "chart-q" not in html
    client = login(world.users["curator"])
    for kind in ("answers", "summary"):
        text = _xlsx_text(client, campaign, kind)
        assert SECRET not in text and "наставник" not in text.replace("Наставник", ""), kind


def test_five_answers_show_the_figures_but_not_a_lone_free_text(world, login, group):
    pair, people = group
    campaign = make_campaign(world.org, pairs=[pair], anonymous=True)
    submit(campaign, people[0], **{"Комментарий": SECRET})
    for person in people[1:5]:
        submit(campaign, person)
    results = {r.question.text: r for _, rs in campaign_results(campaign, names=False) for r in rs}
    assert results["Общая оценка"].respondents == 5 and not results["Общая оценка"].withheld
    assert results["Комментарий"].withheld and results["Комментарий"].texts == []
    # An optional question fewer than five answered is a narrower group: hidden too.
    assert results["Что было полезно"].withheld
    html = _results(world, login, campaign)
    assert SECRET not in html and "Общая оценка" in html
    assert SECRET not in _xlsx_text(login(world.users["curator"]), campaign, "answers")


def test_five_free_texts_are_shown(world, login, group):
    pair, people = group
    campaign = make_campaign(world.org, pairs=[pair], anonymous=True)
    for i, person in enumerate(people[:5]):
        submit(campaign, person, **{"Комментарий": f"{SECRET} {i}"})
    html = _results(world, login, campaign)
    assert all(f"{SECRET} {i}" in html for i in range(5))
    assert f"{SECRET} 0" in _xlsx_text(login(world.users["curator"]), campaign, "answers")
