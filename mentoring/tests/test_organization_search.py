"""The header's organization switcher searches on the server: matches as an htmx fragment, a page
of its own without scripts, only organizations the user may switch to."""

from __future__ import annotations

import pytest
from django.urls import reverse

from people.tests.factories import OrganizationFactory, make_member

pytestmark = pytest.mark.django_db
SEARCH = reverse("organization_search")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def lyceum(world):
    return OrganizationFactory(short_name="Лицей № 1", municipality=world.org.municipality)


def test_typing_part_of_a_name_finds_the_school_with_a_switch_button(world, lyceum, login, client):
    login(world.users["coordinator"])
    response = client.get(SEARCH, {"q": "лиц", "next": "/statistics/"}, **HTMX)
    assert response.status_code == 200
    assert [org.short_name for org in response.context["organizations"]] == ["Лицей № 1"]
    assert "<html" not in response.text
    assert f'name="organization" value="{lyceum.pk}"' in response.text
    assert 'name="next" value="/statistics/"' in response.text


def test_the_coordinator_does_not_find_a_school_of_another_municipality(world, login, client):
    login(world.users["coordinator"])
    response = client.get(SEARCH, {"q": "Школа"}, **HTMX)
    assert [org.short_name for org in response.context["organizations"]] == ["Школа А"]
    assert "Школа Б" not in response.text


def test_nothing_found_is_said_and_an_erased_text_closes_the_list(world, login, client):
    login(world.users["admin"])
    response = client.get(SEARCH, {"q": "нет такой"}, **HTMX)
    assert "Не нашлось организаций с «нет такой» в названии." in response.text
    assert client.get(SEARCH, {"q": "  "}, **HTMX).content == b""


def test_without_scripts_the_search_is_a_page_and_a_foreign_next_is_dropped(world, login, client):
    login(world.users["admin"])
    response = client.get(SEARCH, {"q": "школа б", "next": "https://evil.example/"})
    assert response.status_code == 200
    assert "<html" in response.text
    assert [org.short_name for org in response.context["organizations"]] == ["Школа Б"]
    assert response.context["next"] == ""


def test_long_results_are_cut_with_a_hint(world, login, client):
    for i in range(25):
        OrganizationFactory(short_name=f"Гимназия № {i}")
    login(world.users["admin"])
    response = client.get(SEARCH, {"q": "гимназия"}, **HTMX)
    assert len(response.context["organizations"]) == 20
    assert "Показаны первые 20: уточните название." in response.text


def test_a_curator_of_two_schools_finds_only_those(world, login, client):
    third = OrganizationFactory(short_name="Школа В")
    curator = world.users["curator"]
    from people.models import Membership

    Membership.objects.create(user=curator, organization=world.other_org, role="curator")
    login(curator)
    response = client.get(SEARCH, {"q": "школа"}, **HTMX)
    assert {org.short_name for org in response.context["organizations"]} == {"Школа А", "Школа Б"}
    assert third.short_name not in response.text


def test_the_header_shows_the_switcher_only_to_those_with_a_choice(world, lyceum, login, client):
    login(world.users["director"])
    assert SEARCH not in client.get(reverse("dashboard")).text
    login(world.users["coordinator"])
    assert SEARCH in client.get(reverse("dashboard")).text


def test_the_coordinator_switches_within_its_municipality_only(world, lyceum, login, client):
    login(world.users["coordinator"])
    client.post(reverse("switch_organization"), {"organization": lyceum.pk})
    assert client.get(reverse("dashboard")).context["current_organization"] == lyceum
    response = client.post(reverse("switch_organization"), {"organization": world.other_org.pk}, follow=True)
    assert "Эта организация вам недоступна." in response.text
    assert response.context["current_organization"] == lyceum


def test_search_queries_do_not_grow_with_the_organizations(
    world, login, client, django_assert_max_num_queries
):
    login(world.users["admin"])
    client.get(SEARCH, {"q": "школа"}, **HTMX)
    for i in range(30):
        OrganizationFactory(short_name=f"Школа № {i}")
    with django_assert_max_num_queries(6):
        client.get(SEARCH, {"q": "школа"}, **HTMX)


def test_a_member_of_one_school_gets_just_it(world, login, client):
    user = make_member(world.other_org, "mentor")
    login(user)
    response = client.get(SEARCH, {"q": "школа"}, **HTMX)
    assert [org.short_name for org in response.context["organizations"]] == ["Школа Б"]
