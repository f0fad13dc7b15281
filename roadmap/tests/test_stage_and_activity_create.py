"""Adding stages and activities to a draft goes through actions: numbers follow the last one even
when two curators add at once, the history names who added, a roadmap sent for approval is
refused."""

from __future__ import annotations

import threading
import time
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse

from mentoring.lib.actions import ActionRefused
from people.tests.factories import OrganizationFactory
from roadmap import actions
from roadmap.models import Activity, Roadmap, Stage
from roadmap.tests.factories import RoadmapFactory, StageFactory


@pytest.mark.django_db(transaction=True)
def test_two_stages_added_at_once_both_get_a_number():
    """The first curator's insert is held back until the second has surely read the numbers: with
    `Max + 1` unlocked both took number 2 and the second save failed on the unique constraint."""
    roadmap = RoadmapFactory(organization=OrganizationFactory())
    StageFactory(roadmap=roadmap, number=1)
    create = Stage.objects.create
    first_insert = threading.Event()
    errors: list[Exception] = []

    def slow_first_create(**fields):
        if not first_insert.is_set():
            first_insert.set()
            time.sleep(0.5)
        return create(**fields)

    def add(title: str) -> None:
        try:
            actions.stage_create(roadmap, actor=None, title=title)
        except Exception as exc:  # noqa: BLE001 - any error, an IntegrityError above all, fails the test
            errors.append(exc)
        finally:
            connection.close()

    with mock.patch.object(Stage.objects, "create", slow_first_create):
        first = threading.Thread(target=add, args=("Второй",))
        second = threading.Thread(target=add, args=("Третий",))
        first.start()
        assert first_insert.wait(5)
        second.start()
        first.join()
        second.join()
    assert errors == []
    assert list(roadmap.stages.values_list("number", "title")) == [
        (1, "Формирование банка наставников"),
        (2, "Второй"),
        (3, "Третий"),
    ]


def test_curator_adds_an_activity_as_the_last_of_its_stage(world, login):
    roadmap = RoadmapFactory(organization=world.org)
    stage = StageFactory(roadmap=roadmap, number=1)
    client = login(world.users["curator"])
    data = {"number": "1.{}", "title": "Анкетирование", "deadline_text": "октябрь", "kpi_target": ""}
    for n in (1, 2):
        response = client.post(
            reverse("roadmap:activity_add", args=[roadmap.uuid, 1]), {**data, "number": f"1.{n}"}
        )
        assert response.status_code == 302
    activities = list(Activity.objects.filter(stage=stage).order_by("position"))
    assert [(a.number, a.position) for a in activities] == [("1.1", 1), ("1.2", 2)]
    assert activities[0].start is not None  # the deadline was read
    context = activities[0].events.select_related("pgh_context").first().pgh_context.metadata
    assert (context["username"], context["action"]) == ("curator", "activity_create")


def test_stages_are_not_added_to_a_roadmap_sent_for_approval(world):
    roadmap = RoadmapFactory(organization=world.org, status=Roadmap.Status.REVIEW)
    with pytest.raises(ActionRefused, match="только в черновике"):
        actions.stage_create(roadmap, actor=world.users["curator"], title="Поздно")
    assert not Stage.objects.filter(roadmap=roadmap).exists()
