from __future__ import annotations

import pytest
from django.urls import reverse

from pairs.tests.factories import consenting_mentee, world_pair

pytestmark = pytest.mark.django_db


def test_mentor_opens_own_mentees_card_but_not_others(world, login):
    pair = world_pair(world)
    client = login(world.users["mentor"])
    mentee = pair.mentees.get().person
    assert client.get(reverse("people:person_detail", args=[mentee.uuid])).status_code == 200
    stranger = consenting_mentee(world.org).person
    assert client.get(reverse("people:person_detail", args=[stranger.uuid])).status_code == 404


def test_mentee_does_not_gain_the_mentors_view(world, login):
    world_pair(world)
    other = consenting_mentee(world.org).person
    assert (
        login(world.users["mentee"]).get(reverse("people:person_detail", args=[other.uuid])).status_code
        == 404
    )


def test_pair_changes_are_in_the_audit_log(world, login):
    world_pair(world)
    body = login(world.users["admin"]).get(reverse("people:audit_log")).content.decode()
    assert "пара (группа)" in body
