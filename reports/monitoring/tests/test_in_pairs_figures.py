"""«В парах» means one thing wherever it is shown: the dashboard and the public page count the
people of the pairs working now (a project pair never counts); the statistical form counts those
of the academic year's pairs that have worked, and its label says so."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import strip_tags

from pairs.models import Pair, working_people
from pairs.tests.factories import MenteeFactory, MentorFactory, give_consent, make_pair
from people.models import AcademicYear
from people.tests.factories import PersonFactory
from reports.monitoring import statistics
from reports.publication.tests import factories as publication

pytestmark = pytest.mark.django_db


def _pair(org, status: str) -> Pair:
    mentor = MentorFactory(person=PersonFactory(organization=org))
    mentee = MenteeFactory(person=PersonFactory(organization=org))
    for person in (mentor.person, mentee.person):
        give_consent(person)
    return make_pair(org, [mentor], [mentee], status=status)


@pytest.fixture
def pairs(world):
    """Two pairs working, one project (its mentee is «в паре» in the bank already), one terminated."""
    return {
        "active": [_pair(world.org, Pair.Status.ACTIVE), _pair(world.org, Pair.Status.ACTIVE)],
        "project": _pair(world.org, Pair.Status.PROJECT),
        "terminated": _pair(world.org, Pair.Status.TERMINATED),
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(strip_tags(response.content.decode())))


def test_now_in_pairs_counts_the_working_pairs_only(world, pairs):
    assert working_people(world.org) == {"mentors": 2, "mentees": 2}


def test_dashboard_and_public_page_show_the_same_now_in_pairs_figure(world, pairs, login, client):
    dashboard = _text(login(world.users["curator"]).get(reverse("dashboard")))
    assert "В действующих парах и группах сейчас: 2 наставника и 2 наставляемых" in dashboard
    cache.clear()
    publication.published_page(world.org)
    public = _text(client.get(reverse("public:index", args=[world.org.slug])))
    assert re.search(r"\b2\s*наставника в действующих парах", public)
    assert re.search(r"\b2\s*наставляемых в действующих парах", public)


def test_statistics_count_the_years_pairs_that_worked_and_say_so(world, pairs):
    figures = statistics.compute([world.org.pk], AcademicYear.objects.current())[world.org.pk]
    # The terminated pair worked this year; the project has not begun.
    assert (figures.mentors_in_pairs, figures.mentees_in_pairs) == (3, 3)
    assert figures.pairs_project == 1
    labels = {key: label for key, label, _ in statistics.INDICATORS}
    assert labels["mentees_in_pairs"].endswith("за учебный год")
    assert labels["mentors_in_pairs"].endswith("за учебный год")
