"""A cancelled activity counts nowhere: the roadmap's page, its list and the public page agree."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import strip_tags

from reports.publication.tests import factories as publication
from roadmap import progress
from roadmap.models import Activity
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory


@pytest.fixture
def roadmap(world):
    """Stage 2 has one activity done and one cancelled (the case of 2.1 in the demo)."""
    roadmap = ApprovedRoadmapFactory(organization=world.org)
    first = StageFactory(roadmap=roadmap, number=1, title="Подготовка условий")
    second = StageFactory(roadmap=roadmap, number=2, title="Формирование банка наставляемых")
    ActivityFactory(stage=first, number="1.1")
    ActivityFactory(stage=second, number="2.1", status=Activity.Status.CANCELLED)
    ActivityFactory(stage=second, number="2.2", status=Activity.Status.DONE, completed_on=roadmap.order_date)
    return roadmap


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(strip_tags(response.content.decode())))


def test_progress_leaves_the_cancelled_activity_out(roadmap):
    figures = progress.of_roadmap(roadmap)
    stage = roadmap.stages.get(number=2)
    assert (figures.stages[stage.pk].done, figures.stages[stage.pk].total) == (1, 1)
    assert (figures.overall.done, figures.overall.total, figures.overall.cancelled) == (1, 2, 1)


def test_public_page_counts_stage_progress_as_the_roadmap_page(world, roadmap, client, login):
    cache.clear()
    publication.published_page(world.org)
    public = _text(client.get(reverse("public:index", args=[world.org.slug])))
    assert "2. Формирование банка наставляемых — 1 из 1" in public
    inside = _text(login(world.users["curator"]).get(roadmap.get_absolute_url()))
    assert "Выполнено 1 из 2 (50 %)" in inside


def test_roadmap_list_counts_what_the_progress_counts_and_names_the_cancelled(world, roadmap, login):
    text = _text(login(world.users["curator"]).get(reverse("roadmap:roadmap_list")))
    assert "2 · отменено: 1" in text
