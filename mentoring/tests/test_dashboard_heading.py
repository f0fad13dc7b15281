"""The heading of the start page: the school for those who work in it, the municipality for its
coordinator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from people.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard")


def heading(response) -> str:
    text = response.text
    start = text.index("<h1")
    return text[start : text.index("</h1>", start)]


def test_the_coordinator_is_greeted_by_its_municipality_and_its_schools(world, login):
    world.org.municipality.name = "Городской округ А"
    world.org.municipality.save()
    OrganizationFactory(short_name="Школа В", municipality=world.org.municipality)
    response = login(world.users["coordinator"]).get(DASHBOARD)
    assert response.status_code == 200
    assert "Городской округ А" in heading(response)
    assert "2 образовательные организации" in heading(response)
    assert world.org.short_name not in heading(response)


@pytest.mark.parametrize("role", ["curator", "director", "mentor"])
def test_school_roles_are_greeted_by_their_school(world, login, role):
    response = login(world.users[role]).get(DASHBOARD)
    assert world.org.short_name in heading(response)
    assert world.org.municipality.name not in heading(response)


def test_the_coordinator_of_another_municipality_sees_only_its_own(world, login):
    response = login(world.other_coordinator).get(DASHBOARD)
    assert world.other_org.municipality.name in heading(response)
    assert world.org.municipality.name not in response.text
    assert "1 образовательная организация" in heading(response)
