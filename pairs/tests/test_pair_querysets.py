"""`Pair.objects.of_user`: the pairs and groups where the user is a mentor or a mentee."""

from __future__ import annotations

import pytest

from pairs.models import Pair
from pairs.tests.factories import consenting_mentee, make_pair, world_pair

pytestmark = pytest.mark.django_db


def test_mentor_and_mentee_find_their_pair_and_the_curator_none(world):
    pair = world_pair(world)
    assert list(Pair.objects.of_user(world.users["mentor"])) == [pair]
    assert list(Pair.objects.of_user(world.users["mentee"])) == [pair]
    assert not Pair.objects.of_user(world.users["curator"]).exists()


def test_a_group_counts_once(world):
    pair = world_pair(world)
    mentor = pair.mentors.get()
    mentor.capacity = 5
    mentor.save()
    group = make_pair(world.org, [mentor], [consenting_mentee(world.org), consenting_mentee(world.org)])
    mine = Pair.objects.of_user(world.users["mentor"])
    assert mine.count() == 2
    assert set(mine) == {pair, group}
