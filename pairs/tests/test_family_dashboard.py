"""The home page of a законный представитель (issue 19): their child's pair and next meeting, and
the open surveys addressed to them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs.tests.factories import plan_meeting
from pairs.tests.test_representative_access import _family, _young
from people.tests.factories import RepresentativeFactory
from reports.surveys.models import Campaign
from reports.surveys.tests.factories import make_campaign

pytestmark = pytest.mark.django_db


def test_the_parent_sees_the_childs_next_meeting(world, login):
    user, child, pair = _family(world.org, born=_young())
    plan_meeting(pair, on=timezone.localdate() + timedelta(days=14))
    soon = plan_meeting(pair, on=timezone.localdate() + timedelta(days=3))
    page = login(user).get(reverse("dashboard")).content.decode()
    assert child.full_name in page and pair.get_absolute_url() in page
    assert "Следующая встреча:" in page and soon.date.strftime("%d.%m.%Y") in page
    assert (timezone.localdate() + timedelta(days=14)).strftime("%d.%m.%Y") not in page


def test_the_parent_sees_the_open_surveys_addressed_to_them(world, login):
    user, child, pair = _family(world.org, born=_young())
    make_campaign(world.org, target=Campaign.Target.PARENTS_PAIRS, pairs=[pair], title="Родителям")
    closed = make_campaign(
        world.org,
        target=Campaign.Target.PARENTS_PAIRS,
        pairs=[pair],
        title="Прошлое",
        opens_on=timezone.localdate() - timedelta(days=30),
        closes_on=timezone.localdate() - timedelta(days=1),
        launch=False,
    )
    page = login(user).get(reverse("dashboard")).content.decode()
    assert "Анкеты: ждут ответа — 1" in page
    assert f"о ребёнке: {child.short_name}" in page
    assert reverse("surveys:campaign_answer", args=[closed.uuid]) not in page


def test_a_child_outside_the_programme_is_not_shown(world, login):
    """The world's representative is the parent of a student who takes part in nothing."""
    page = login(world.users["representative"]).get(reverse("dashboard")).content.decode()
    assert world.student.full_name not in page and "Сведения о ребёнке недоступны" in page
    assert "Следующая встреча:" not in page


def test_the_parents_home_page_takes_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    """However many children and meetings: a second and a third child add no query."""
    user, _, pair = _family(world.org, born=_young())
    pairs = [pair]
    for username in ("papa", "babushka"):
        _, child, other = _family(world.org, born=_young(), username=username)
        RepresentativeFactory(student=child, user=user)
        pairs.append(other)
    for other in pairs:
        for days in (3, 5, 7):
            plan_meeting(other, on=timezone.localdate() + timedelta(days=days))
    client = login(user)
    # The first visit computes the organization's kept figures (mentoring.lib.dashboard.kept): the
    # row is read, created, computed and stored; the page as usually served reads it only.
    with django_assert_max_num_queries(18):
        client.get(reverse("dashboard"))
    with django_assert_max_num_queries(15):
        response = client.get(reverse("dashboard"))
    assert response.content.decode().count("Следующая встреча:") == 3
