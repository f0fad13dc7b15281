"""The «Мои мероприятия» button of the roadmap list is shown to those who may open the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
LIST = reverse("roadmap:roadmap_list")
MINE = reverse("roadmap:my_activities")


@pytest.mark.parametrize("role", ["curator", "director", "mentor", "mentee"])
def test_members_see_the_button_and_open_the_page(world, login, role):
    client = login(world.users[role])
    assert MINE in client.get(LIST).text
    assert client.get(MINE).status_code == 200


def test_the_coordinator_gets_no_button_to_a_page_it_may_not_open(world, login):
    client = login(world.users["coordinator"])
    response = client.get(LIST)
    assert response.status_code == 200
    assert MINE not in response.text
    assert client.get(MINE).status_code == 403


def test_the_coordinator_of_another_municipality_reads_no_roadmap_of_this_one(world, login):
    client = login(world.other_coordinator)
    response = client.get(LIST)
    assert MINE not in response.text
    assert world.org.short_name not in response.text
