"""The municipal coordinator reads the orders register of its schools: issued orders only, with the
school of each, without links to the orders, without who drafted them, and opens none of them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from people.tests.factories import OrganizationFactory, PersonFactory
from reports.orders.tests.factories import launch_order, reward_order, signed

pytestmark = pytest.mark.django_db
LIST = reverse("orders:order_list")


def test_coordinator_sees_the_issued_orders_without_personal_data(world, login, client):
    issued = signed(launch_order(world.org, world.staff))
    draft = reward_order(world.org, [world.staff])
    foreign = signed(launch_order(world.other_org, world.other_person))
    login(world.users["coordinator"])
    response = client.get(LIST)
    assert response.status_code == 200
    assert [order.pk for order in response.context["page"].object_list] == [issued.pk]
    assert issued.title in response.text
    assert issued.get_absolute_url() not in response.text
    assert draft.get_absolute_url() not in response.text
    assert foreign.get_absolute_url() not in response.text
    assert "Составил" not in response.text
    assert issued.created_by.display_name() not in response.text
    assert client.get(issued.get_absolute_url()).status_code == 403
    assert client.get(reverse("orders:order_pdf", args=[issued.uuid])).status_code == 403


def test_the_register_lists_every_school_of_the_municipality_with_its_name(world, login, client):
    neighbour = OrganizationFactory(short_name="Школа В", municipality=world.org.municipality)
    ours = signed(launch_order(world.org, world.staff))
    theirs = signed(launch_order(neighbour, PersonFactory(organization=neighbour)))
    signed(launch_order(world.other_org, world.other_person))
    login(world.users["coordinator"])
    response = client.get(LIST)
    assert {order.pk for order in response.context["page"].object_list} == {ours.pk, theirs.pk}
    assert "<th>Школа</th>" in response.text
    assert f'<td class="text-nowrap">{world.org.short_name}</td>' in response.text
    assert '<td class="text-nowrap">Школа В</td>' in response.text
    assert world.other_org.short_name not in response.text
    # A list, not links that would answer 403: no row is a link, and the page says why.
    assert theirs.get_absolute_url() not in response.text
    assert "table-hover" not in response.text
    assert "в реестре не открываются" in response.text


def test_the_coordinator_of_another_municipality_sees_none_of_these_orders(world, login, client):
    signed(launch_order(world.org, world.staff))
    login(world.other_coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []


def test_the_coordinator_filters_by_issued_statuses_only(world, login, client):
    signed(launch_order(world.org, world.staff))
    login(world.users["coordinator"])
    response = client.get(LIST, {"status": "draft"})
    assert list(response.context["page"].object_list) == []
    assert [value for value, _ in response.context["statuses"]] == ["signed", "cancelled"]


def test_the_curator_still_sees_drafts_links_and_authors(world, login, client):
    draft = reward_order(world.org, [world.staff])
    login(world.users["curator"])
    response = client.get(LIST)
    assert draft.get_absolute_url() in response.text
    assert "Составил" in response.text
    assert "<th>Школа</th>" not in response.text


def test_the_curator_reads_only_its_own_schools_register(world, login, client):
    neighbour = OrganizationFactory(short_name="Школа В", municipality=world.org.municipality)
    theirs = signed(launch_order(neighbour, PersonFactory(organization=neighbour)))
    login(world.users["curator"])
    response = client.get(LIST)
    assert theirs.pk not in {order.pk for order in response.context["page"].object_list}


def test_register_queries_do_not_grow_for_the_coordinator(
    world, login, client, django_assert_max_num_queries
):
    signed(launch_order(world.org, world.staff))
    login(world.users["coordinator"])
    client.get(LIST)
    with django_assert_max_num_queries(20) as few:
        client.get(LIST)
    for _ in range(5):
        signed(reward_order(world.org, [world.staff]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)
