"""The director's home page: «Ждут вашего решения» lists the roadmaps, Положения and orders sent
to them, in one panel (each app contributes its records)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.orders import actions as order_actions
from reports.orders.tests.factories import launch_order
from reports.publication import actions as publication_actions
from reports.publication.models import Regulation
from reports.publication.tests.factories import review_regulation
from roadmap.models import Roadmap
from roadmap.tests.factories import AcademicYearFactory, RoadmapFactory

pytestmark = pytest.mark.django_db


def _panel(page: str) -> str:
    start = page.index('id="panel-awaiting-decision"')
    return page[start : page.index("</section>", start)]


def test_director_sees_a_roadmap_awaiting_approval(world, login):
    roadmap = RoadmapFactory(organization=world.org, status=Roadmap.Status.REVIEW)
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert "Ждут вашего решения" in page
    assert roadmap.get_absolute_url() in _panel(page)


def test_director_sees_the_regulation_and_the_order_awaiting_them_in_the_same_panel(world, login):
    regulation = review_regulation(world.org)
    order = order_actions.order_submit(launch_order(world.org, roadmap=None), actor=world.users["curator"])
    panel = _panel(login(world.users["director"]).get(reverse("dashboard")).content.decode())
    assert regulation.get_absolute_url() in panel
    assert "Положение о наставничестве педагогических работников</a> — на утверждении" in panel
    assert order.get_absolute_url() in panel and "ждёт подписи" in panel


def test_decided_records_leave_the_panel(world, login):
    regulation = review_regulation(world.org)
    publication_actions.regulation_return(regulation, actor=world.users["director"], comment="Дополните")
    order = order_actions.order_submit(launch_order(world.org, roadmap=None), actor=world.users["curator"])
    order_actions.order_return(order, actor=world.users["director"])
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert "Ждут вашего решения" not in page


def test_curator_and_other_school_director_do_not_get_the_panel(world, login, client):
    RoadmapFactory(organization=world.org, status=Roadmap.Status.REVIEW)
    review_regulation(world.org)
    order_actions.order_submit(launch_order(world.org, roadmap=None), actor=world.users["curator"])
    assert (
        "Ждут вашего решения" not in login(world.users["curator"]).get(reverse("dashboard")).content.decode()
    )
    RoadmapFactory(organization=world.other_org, status=Roadmap.Status.REVIEW)
    review_regulation(world.other_org)
    client.logout()
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert _panel(page).count("на утверждении") == 2  # the school's roadmap and Положение only


def test_no_panel_when_nothing_waits(world, login):
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert "Ждут вашего решения" not in page


def test_the_panel_costs_the_same_queries_however_many_records_wait(
    world, login, django_assert_max_num_queries
):
    client = login(world.users["director"])
    RoadmapFactory(organization=world.org, status=Roadmap.Status.REVIEW)
    review_regulation(world.org)
    order_actions.order_submit(launch_order(world.org, roadmap=None), actor=world.users["curator"])
    client.get(reverse("dashboard"))  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("dashboard"))
    warm = len(one)  # read now: the next request resets the connection's query log
    RoadmapFactory(
        organization=world.org,
        status=Roadmap.Status.REVIEW,
        academic_year=AcademicYearFactory(start_year=2025),
    )
    publication_actions.regulation_create(
        world.org, Regulation.Audience.STUDENTS, actor=world.users["curator"]
    )
    students = Regulation.objects.get(organization=world.org, audience=Regulation.Audience.STUDENTS)
    publication_actions.regulation_submit(
        students, actor=world.users["curator"], protocol_date=timezone.localdate(), protocol_number="7"
    )
    for _ in range(3):
        order_actions.order_submit(launch_order(world.org, roadmap=None), actor=world.users["curator"])
    # The writes left the organization's kept figures stale (mentoring.lib.dashboard.kept): the
    # first request computes them again, the next serves them as the first measured one did.
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(warm):
        page = client.get(reverse("dashboard")).content.decode()
    assert _panel(page).count("<li>") == 2 + 2 + 4
