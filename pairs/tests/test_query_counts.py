"""Lists and exports load what they show in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pairs.models import Feedback, Meeting
from pairs.tests.factories import consenting_mentee, consenting_mentor, log_meeting, make_pair, world_pair

pytestmark = pytest.mark.django_db


def _count(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_pairs(world, n):
    for _ in range(n):
        pair = make_pair(
            world.org,
            [consenting_mentor(world.org)],
            [consenting_mentee(world.org) for _ in range(2)],
            capacity_override_reason="x",
            status="active",
        )
        log_meeting(pair)


def test_pair_list_queries_do_not_grow(world, login):
    client = login(world.users["curator"])
    _add_pairs(world, 2)
    small = _count(client, reverse("pairs:pair_list"))
    _add_pairs(world, 4)
    assert _count(client, reverse("pairs:pair_list")) == small


def test_waiting_list_queries_do_not_grow(world, login):
    client = login(world.users["curator"])
    for _ in range(2):
        consenting_mentee(world.org)
    small = _count(client, reverse("pairs:waiting_list"))
    for _ in range(5):
        consenting_mentee(world.org)
    assert _count(client, reverse("pairs:waiting_list")) == small


def test_proposal_queries_do_not_grow(world, login):
    client = login(world.users["curator"])
    for _ in range(2):
        consenting_mentee(world.org)
        consenting_mentor(world.org)
    small = _count(client, reverse("pairs:proposal"))
    for _ in range(4):
        consenting_mentee(world.org)
        consenting_mentor(world.org)
    assert _count(client, reverse("pairs:proposal")) == small


def _more_meetings(pair, n):
    for _ in range(n):
        meeting = log_meeting(pair, Meeting.Kind.REGULAR)
        for person in pair.participant_people():
            Feedback.objects.create(meeting=meeting, person=person, usefulness=7, comfort=7, clarity=7)


@pytest.mark.parametrize("name", ["pair_detail", "meetings_xlsx", "meetings_pdf"])
def test_pair_journal_queries_do_not_grow(world, login, name):
    pair = world_pair(world)
    client = login(world.users["curator"])
    url = reverse(f"pairs:{name}", args=[pair.uuid])
    _more_meetings(pair, 1)
    small = _count(client, url)
    _more_meetings(pair, 4)
    assert _count(client, url) == small


def test_my_pairs_queries_do_not_grow(world, login):
    pair = world_pair(world)
    client = login(world.users["mentor"])
    small = _count(client, reverse("pairs:my_pairs"))
    _more_meetings(pair, 3)
    mentor = pair.mentors.get()
    for _ in range(2):
        make_pair(
            world.org, [mentor], [consenting_mentee(world.org)], capacity_override_reason="x", status="active"
        )
    assert _count(client, reverse("pairs:my_pairs")) == small
