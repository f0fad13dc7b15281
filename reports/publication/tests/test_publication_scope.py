"""Who sees which materials, best practices and news: `visible_to(user, action)` of the
publication querysets."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from reports.publication.models import BestPractice, Material, NewsItem, Regulation
from reports.publication.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def materials(world):
    return {"own": f.material(world.org), "other_org": f.material(world.other_org)}


@pytest.mark.parametrize("role", ["director", "curator", "mentor"])
def test_library_reader_sees_the_materials_of_own_school_only(world, materials, role):
    assert list(Material.objects.visible_to(world.users[role])) == [materials["own"]]


def test_mentee_sees_no_material(world, materials):
    assert not Material.objects.visible_to(world.users["mentee"]).exists()


def test_curator_of_other_school_sees_only_that_schools_materials(world, materials):
    assert list(Material.objects.visible_to(world.other_curator)) == [materials["other_org"]]


def test_anonymous_sees_no_material(materials):
    assert not Material.objects.visible_to(AnonymousUser()).exists()


def test_global_admin_sees_every_material(world, materials):
    assert set(Material.objects.visible_to(world.users["admin"])) == set(materials.values())


def test_best_practices_are_seen_with_the_library_and_managed_by_the_curator(world):
    practice = f.public_practice(world.org)
    assert list(BestPractice.objects.visible_to(world.users["mentor"])) == [practice]
    assert not BestPractice.objects.visible_to(world.users["mentee"]).exists()
    assert not BestPractice.objects.visible_to(world.other_curator).exists()
    assert list(BestPractice.objects.visible_to(world.users["curator"], "manage")) == [practice]
    assert not BestPractice.objects.visible_to(world.users["mentor"], "manage").exists()


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_news_and_regulations_are_the_staffs_only(world, role):
    item, regulation = f.news(world.org), f.draft_regulation(world.org)
    assert not NewsItem.objects.visible_to(world.users[role]).exists()
    assert not Regulation.objects.visible_to(world.users[role]).exists()
    assert list(NewsItem.objects.visible_to(world.users["director"])) == [item]
    assert list(Regulation.objects.visible_to(world.users["director"])) == [regulation]
    assert not NewsItem.objects.visible_to(world.users["director"], "manage").exists()
    assert not NewsItem.objects.visible_to(world.other_curator).exists()
