"""The exports read a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.testing import export
from pairs.models import Pair
from pairs.tests.factories import consenting_mentee, consenting_mentor, log_meeting, make_pair

pytestmark = pytest.mark.django_db


def add_pairs(org, n: int) -> None:
    for _ in range(n):
        pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)], status=Pair.Status.ACTIVE)
        log_meeting(pair)
    consenting_mentee(org)  # and one without a pair


def queries_for(client, kind: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = export(client, reverse("statistics:export", args=[kind]), {"org": "all"})
        assert response.content
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("kind", ["registry", "form", "meetings"])
def test_export_queries_do_not_grow_with_rows(kind, world, login, client):
    login(world.users["admin"])
    add_pairs(world.org, 2)
    add_pairs(world.other_org, 1)
    small = queries_for(client, kind)
    add_pairs(world.org, 6)
    add_pairs(world.other_org, 4)
    assert queries_for(client, kind) == small


def test_statistics_page_queries_do_not_grow_with_rows(world, login, client):
    login(world.users["admin"])
    add_pairs(world.org, 1)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("statistics:index"))
    add_pairs(world.org, 5)
    add_pairs(world.other_org, 5)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("statistics:index"))
    assert len(large) == len(small)
