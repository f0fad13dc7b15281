"""The statistics page: who sees what, the choice of year and organization, charts without inline JS."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from people.models import Membership
from people.tests.factories import OrganizationFactory
from reports.monitoring.tests import stats_data

pytestmark = pytest.mark.django_db
INDEX = reverse("statistics:index")


@pytest.fixture
def data(world):
    return stats_data.build(world)


def chart_data(response) -> dict:
    match = re.search(
        r'<script id="statistics-data" type="application/json">(.*?)</script>', response.text, re.S
    )
    return json.loads(match.group(1))


def test_curator_sees_figures_of_own_school(world, data, login, client):
    login(world.users["curator"])
    response = client.get(INDEX, {"year": data["year"].start_year})
    assert response.status_code == 200
    chart = chart_data(response)
    assert chart["pairs"]["values"] == [0, 1, 1, 1]
    assert sum(chart["forms"]["mentors"]) == 3
    assert chart["satisfaction"]["values"] == [8.0, 9.0, 7.0]
    assert "Школа Б" not in response.text
    assert response.context["scope"].organizations == [world.org]


def test_page_has_no_inline_scripts_and_links_the_exports(world, data, login, client):
    login(world.users["director"])
    response = client.get(INDEX)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.text, re.S)
    for attrs, body in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs, body[:80]
    for kind in ("registry", "form", "meetings"):
        assert reverse("statistics:export", args=[kind]) in response.text
    assert "js/statistics.js" in response.text


def test_admin_sees_all_organizations_by_default(world, data, login, client):
    login(world.users["admin"])
    response = client.get(INDEX, {"year": data["year"].start_year})
    assert set(response.context["scope"].organizations) == {world.org, world.other_org}
    assert chart_data(response)["pairs"]["values"] == [0, 2, 1, 1]
    assert "Школа Б" in response.text


def test_admin_picks_one_organization(world, data, login, client):
    login(world.users["admin"])
    response = client.get(INDEX, {"year": data["year"].start_year, "org": world.other_org.pk})
    assert chart_data(response)["pairs"]["values"] == [0, 1, 0, 0]


def test_curator_of_other_school_gets_404_for_school_a(world, data, login, client):
    login(world.other_curator)
    assert client.get(INDEX, {"org": world.org.pk}).status_code == 404
    export = reverse("statistics:export", args=["registry"])
    assert client.post(f"{export}?org={world.org.pk}").status_code == 404
    assert client.get(INDEX, {"org": "abc"}).status_code == 404


def test_curator_asking_for_all_gets_only_own_schools(world, data, login, client):
    login(world.users["curator"])
    response = client.get(INDEX, {"org": "all", "year": data["year"].start_year})
    assert response.context["scope"].organizations == [world.org]


def test_director_of_two_schools_may_choose_between_them(world, data, login, client):
    third = OrganizationFactory(short_name="Школа В")
    Membership.objects.create(user=world.users["director"], organization=third, role="director")
    login(world.users["director"])
    response = client.get(INDEX, {"org": "all", "year": data["year"].start_year})
    assert set(response.context["scope"].organizations) == {world.org, third}
    assert client.get(INDEX, {"org": world.other_org.pk}).status_code == 404


def test_mentor_and_mentee_get_403(world, login, client):
    for role in ("mentor", "mentee"):
        login(world.users[role])
        assert client.get(INDEX).status_code == 403
        assert client.post(reverse("statistics:export", args=["form"])).status_code == 403


def test_bad_year_falls_back_to_the_current_one(world, login, client):
    from people.models import AcademicYear

    login(world.users["curator"])
    response = client.get(INDEX, {"year": "1900"})
    assert response.context["scope"].year == AcademicYear.objects.current()


def test_nav_shows_statistics_to_staff_readers_only(world, login, client):
    login(world.users["curator"])
    assert INDEX in client.get(reverse("dashboard")).text
    login(world.users["mentor"])
    assert INDEX not in client.get(reverse("dashboard")).text


def test_an_unknown_year_creates_nothing_and_says_so(world, login, client):
    from people.models import AcademicYear

    login(world.users["curator"])
    client.get(INDEX)  # the current year exists from here on
    before = set(AcademicYear.objects.values_list("start_year", flat=True))
    response = client.get(INDEX, {"year": "2099"})
    assert response.status_code == 200
    assert "За 2099/2100 учебный год данных нет" in response.text
    assert client.post(reverse("statistics:export", args=["registry"]) + "?year=2099").status_code == 302
    assert set(AcademicYear.objects.values_list("start_year", flat=True)) == before
