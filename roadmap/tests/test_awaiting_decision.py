"""The director's home page: «Ждут вашего решения» lists roadmaps sent for approval."""

from __future__ import annotations

import pytest
from django.urls import reverse

from roadmap.models import Roadmap
from roadmap.tests.factories import RoadmapFactory

pytestmark = pytest.mark.django_db


def test_director_sees_a_roadmap_awaiting_approval(world, login):
    roadmap = RoadmapFactory(organization=world.org, status=Roadmap.Status.REVIEW)
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert "Ждут вашего решения" in page
    assert roadmap.get_absolute_url() in page


def test_curator_and_other_school_director_do_not_get_the_panel(world, login, client):
    RoadmapFactory(organization=world.org, status=Roadmap.Status.REVIEW)
    assert (
        "Ждут вашего решения" not in login(world.users["curator"]).get(reverse("dashboard")).content.decode()
    )
    RoadmapFactory(organization=world.other_org, status=Roadmap.Status.DRAFT)
    client.logout()
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert page.count("на утверждении") == 1


def test_no_panel_when_nothing_waits(world, login):
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert "Ждут вашего решения" not in page
