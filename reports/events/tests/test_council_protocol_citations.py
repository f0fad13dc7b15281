"""The roadmap's and the Положение's «ПРИНЯТО на заседании педагогического совета» cite a protocol
picked from the register; typed values stay possible."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from reports.events.models import Event
from reports.events.tests.factories import held_event, make_protocol
from reports.publication.tests.factories import draft_regulation
from roadmap.tests.factories import ActivityFactory, RoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db
APPROVAL = {"approved_on": "2024-09-02", "order_number": "41-од", "order_date": "2024-09-02"}


def _roadmap_in_review(world):
    roadmap = RoadmapFactory(organization=world.org, status="review")
    ActivityFactory(stage=StageFactory(roadmap=roadmap))
    return roadmap


def test_director_approves_the_roadmap_citing_a_council_protocol(world, login):
    make_protocol(held_event(world.org))
    protocol = make_protocol(held_event(world.org))
    roadmap = _roadmap_in_review(world)
    client = login(world.users["director"])
    page = client.get(roadmap.get_absolute_url()).content.decode()
    assert f"протокол от {protocol.date:%d.%m.%Y} № 2" in page
    client.post(
        reverse("roadmap:roadmap_approve", args=[roadmap.uuid]), {**APPROVAL, "protocol": protocol.pk}
    )
    roadmap.refresh_from_db()
    assert (roadmap.status, roadmap.protocol_number, roadmap.protocol_date) == (
        "approved",
        "2",
        protocol.date,
    )


def test_only_pedagogical_council_protocols_of_the_school_are_offered(world, login):
    parents = make_protocol(held_event(world.org, kind=Event.Kind.PARENTS_MEETING))
    foreign = make_protocol(held_event(world.other_org))
    make_protocol(held_event(world.org))
    roadmap = _roadmap_in_review(world)
    client = login(world.users["director"])
    response = client.post(
        reverse("roadmap:roadmap_approve", args=[roadmap.uuid]),
        {**APPROVAL, "protocol": foreign.pk},
        follow=True,
    )
    roadmap.refresh_from_db()
    assert roadmap.status == "review"
    assert "не утверждена" in response.content.decode()
    client.post(reverse("roadmap:roadmap_approve", args=[roadmap.uuid]), {**APPROVAL, "protocol": parents.pk})
    roadmap.refresh_from_db()
    assert roadmap.status == "review"


def test_typed_protocol_is_still_accepted_beside_the_register(world, login):
    make_protocol(held_event(world.org))
    roadmap = _roadmap_in_review(world)
    login(world.users["director"]).post(
        reverse("roadmap:roadmap_approve", args=[roadmap.uuid]),
        {**APPROVAL, "protocol_number": "7", "protocol_date": "2024-08-30"},
    )
    roadmap.refresh_from_db()
    assert (roadmap.protocol_number, roadmap.protocol_date) == ("7", date(2024, 8, 30))


def test_without_protocols_the_approval_form_has_no_choice(world, login):
    roadmap = _roadmap_in_review(world)
    page = login(world.users["director"]).get(roadmap.get_absolute_url()).content.decode()
    assert "— нет в реестре" not in page


def test_curator_sends_the_regulation_citing_a_council_protocol(world, login):
    protocol = make_protocol(held_event(world.org))
    regulation = draft_regulation(world.org)
    login(world.users["curator"]).post(
        reverse("regulation:submit", args=[regulation.uuid]), {"protocol": protocol.pk}
    )
    regulation.refresh_from_db()
    assert (regulation.status, regulation.protocol_number, regulation.protocol_date) == (
        "review",
        "1",
        protocol.date,
    )


def test_regulation_without_a_pick_or_typed_values_is_refused(world, login):
    make_protocol(held_event(world.org))
    regulation = draft_regulation(world.org)
    response = login(world.users["curator"]).post(
        reverse("regulation:submit", args=[regulation.uuid]), {"protocol": ""}, follow=True
    )
    regulation.refresh_from_db()
    assert regulation.status == "draft"
    assert "Выберите протокол педагогического совета из реестра" in response.content.decode()
