"""Who sees which orders: `Order.objects.visible_to(user, action)`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from reports.orders.models import Order
from reports.orders.tests.factories import launch_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(world):
    return {"own": launch_order(world.org, world.staff), "other_org": launch_order(world.other_org)}


@pytest.mark.parametrize("role", ["director", "curator"])
def test_staff_reader_sees_the_orders_of_own_school_only(world, orders, role):
    assert list(Order.objects.visible_to(world.users[role])) == [orders["own"]]


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_participant_sees_no_order(world, orders, role):
    assert not Order.objects.visible_to(world.users[role]).exists()


def test_curator_of_other_school_sees_only_that_school(world, orders):
    assert list(Order.objects.visible_to(world.other_curator)) == [orders["other_org"]]


def test_anonymous_sees_nothing(orders):
    assert not Order.objects.visible_to(AnonymousUser()).exists()


def test_global_admin_sees_every_order(world, orders):
    assert set(Order.objects.visible_to(world.users["admin"])) == set(orders.values())


def test_the_director_reads_the_register_but_does_not_manage_it(world, orders):
    assert list(Order.objects.visible_to(world.users["curator"], "manage")) == [orders["own"]]
    assert not Order.objects.visible_to(world.users["director"], "manage").exists()
