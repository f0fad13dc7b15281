"""Another school's pairs do not exist for a user: 404 everywhere, including htmx fragments and choices."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pairs.models import Pair
from pairs.tests.factories import (
    consenting_mentee,
    consenting_mentor,
    make_pair,
    teacher_form,
    traditional,
    world_meeting,
    world_pair,
)
from people.tests.factories import make_member

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    "name", ["pair_detail", "meeting_new", "program_pdf", "meetings_pdf", "meetings_xlsx", "program_edit"]
)
def test_curator_of_other_school_gets_404(world, login, name):
    pair = world_pair(world)
    response = login(world.other_curator).get(reverse(f"pairs:{name}", args=[pair.uuid]), **HTMX)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "pair_activate",
        "pair_complete",
        "pair_terminate",
        "program_submit",
        "program_approve",
        "program_return",
    ],
)
def test_curator_of_other_school_cannot_change_a_pair(world, login, name):
    pair = world_pair(world)
    response = login(world.other_curator).post(reverse(f"pairs:{name}", args=[pair.uuid]), {"reason": "x"})
    assert response.status_code == 404
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE


def test_item_progress_and_feedback_of_other_school_are_404(world, login):
    pair = world_pair(world)
    item = pair.program.items.first()
    client = login(world.other_curator)
    url = reverse("pairs:item_progress", args=[pair.uuid, item.pk])
    assert client.post(url, {"done": "on", "evidence": "x"}, **HTMX).status_code == 404
    assert client.get(reverse("pairs:feedback_new", args=[world_meeting(world).uuid])).status_code == 404
    item.refresh_from_db()
    assert item.done_on is None


def test_mentor_outside_the_pair_gets_404(world, login):
    pair = world_pair(world)
    stranger = make_member(world.org, "mentor", username="stranger")
    client = login(stranger)
    assert client.get(reverse("pairs:pair_detail", args=[pair.uuid])).status_code == 404
    assert client.get(reverse("pairs:meeting_new", args=[pair.uuid]), **HTMX).status_code == 404


def test_mentee_reads_but_cannot_log_meetings_or_tick_items(world, login):
    pair = world_pair(world)
    client = login(world.users["mentee"])
    assert client.get(reverse("pairs:pair_detail", args=[pair.uuid])).status_code == 200
    assert client.get(reverse("pairs:meeting_new", args=[pair.uuid]), **HTMX).status_code == 403
    item = pair.program.items.first()
    assert (
        client.post(reverse("pairs:item_progress", args=[pair.uuid, item.pk]), {"done": "on"}).status_code
        == 403
    )


def test_curator_cannot_pick_another_schools_mentor_by_posting_its_id(world, login):
    mentee = consenting_mentee(world.org)
    foreign = consenting_mentor(world.other_org)
    response = login(world.users["curator"]).post(
        reverse("pairs:pair_create"),
        {
            "mentors": [str(foreign.uuid)],
            "mentees": [str(mentee.uuid)],
            "form": teacher_form().pk,
            "type": traditional().pk,
            "planned_start": "2025-09-01",
            "planned_end": "2026-05-31",
        },
    )
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Pair.objects.exists()


def test_proposal_ignores_another_schools_mentor(world, login):
    mentee = consenting_mentee(world.org)
    foreign = consenting_mentor(world.other_org)
    response = login(world.users["curator"]).post(
        reverse("pairs:proposal"), {f"mentor-{mentee.uuid}": str(foreign.uuid)}
    )
    assert response.status_code == 200
    assert "выбранный наставник недоступен" in response.content.decode()
    assert not Pair.objects.exists()


def test_lists_show_only_own_school(world, login):
    world_pair(world)
    other = make_pair(
        world.other_org, [consenting_mentor(world.other_org)], [consenting_mentee(world.other_org)]
    )
    body = login(world.users["curator"]).get(reverse("pairs:pair_list")).content.decode()
    assert str(other.uuid) not in body
    assert str(world_pair(world).uuid) in body
