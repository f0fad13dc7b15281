"""Offers of evidence from the application: the curator accepts (the activity is done on the
object's date) or declines (the offer is hidden); nobody else decides, another school sees nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.lib.actions import ActionRefused
from people.models import AcademicYear
from roadmap import actions
from roadmap.models import Activity, EvidenceSuggestion, Roadmap
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(world) -> Activity:
    roadmap = ApprovedRoadmapFactory(organization=world.org, academic_year=AcademicYear.objects.current())
    stage = StageFactory(roadmap=roadmap, title="Подготовка условий")
    return ActivityFactory(
        stage=stage,
        title="Приказ(ы) о закреплении наставнических пар/групп",
        deadline_text="",
        start=timezone.localdate() - timedelta(days=40),
        end=timezone.localdate() - timedelta(days=30),
    )


def _offer(activity: Activity, days_ago: int = 35) -> EvidenceSuggestion:
    # Any record stands for the produced object here: the roadmap knows it only generically.
    roadmap = activity.stage.roadmap
    [suggestion] = actions.evidence_offer(
        [activity],
        roadmap,
        label="Подписан приказ от 01.09 № 41-од «О закреплении наставнических пар»",
        url="/reports/orders/x/",
        happened_on=timezone.localdate() - timedelta(days=days_ago),
    )
    return suggestion


def test_accepting_completes_the_activity_on_the_objects_date(world, overdue):
    suggestion = _offer(overdue)
    actions.evidence_accept(suggestion, actor=world.users["curator"])
    overdue.refresh_from_db()
    assert overdue.status == Activity.Status.DONE
    assert overdue.completed_on == suggestion.happened_on
    assert "41-од" in overdue.evidence_note and overdue.evidence_link.endswith("/reports/orders/x/")
    assert not Activity.objects.overdue().filter(pk=overdue.pk).exists()
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.decided_by == world.users["curator"]


def test_a_decided_offer_cannot_be_decided_again(world, overdue):
    suggestion = _offer(overdue)
    actions.evidence_decline(suggestion, actor=world.users["curator"])
    with pytest.raises(ActionRefused, match="уже принято решение"):
        actions.evidence_accept(suggestion, actor=world.users["curator"])
    overdue.refresh_from_db()
    assert overdue.status == Activity.Status.PLANNED


def test_the_same_object_is_offered_once(world, overdue):
    _offer(overdue)
    assert (
        actions.evidence_offer(
            [overdue], overdue.stage.roadmap, label="x", url="", happened_on=timezone.localdate()
        )
        == []
    )


def test_accepting_in_an_archived_roadmap_is_refused_and_changes_nothing(world, overdue):
    suggestion = _offer(overdue)
    Roadmap.objects.filter(pk=overdue.stage.roadmap_id).update(status=Roadmap.Status.ARCHIVED)
    with pytest.raises(ActionRefused):
        actions.evidence_accept(suggestion, actor=world.users["curator"])
    suggestion.refresh_from_db()
    overdue.refresh_from_db()
    assert suggestion.status == "pending" and overdue.status == Activity.Status.PLANNED


def test_curator_accepts_from_the_dashboard_and_the_activity_leaves_overdue(world, overdue, login):
    suggestion = _offer(overdue)
    client = login(world.users["curator"])
    page = client.get(reverse("dashboard")).content.decode()
    assert "Засчитать как выполнение" in page and "41-од" in page
    response = client.post(reverse("roadmap:evidence_accept", args=[suggestion.uuid]), {"back": "dashboard"})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    page = client.get(reverse("dashboard")).content.decode()
    assert "Засчитать как выполнение" not in page and "Просроченных мероприятий нет." in page


def test_curator_declines_on_the_roadmap_page_and_the_offer_is_hidden(world, overdue, login):
    suggestion = _offer(overdue)
    client = login(world.users["curator"])
    url = overdue.stage.roadmap.get_absolute_url()
    assert "Засчитать как выполнение" in client.get(url).content.decode()
    response = client.post(reverse("roadmap:evidence_decline", args=[suggestion.uuid]))
    assert response.status_code == 302 and response.url == url
    assert "Засчитать как выполнение" not in client.get(url).content.decode()
    overdue.refresh_from_db()
    assert overdue.status == Activity.Status.PLANNED


@pytest.mark.parametrize("role", ["director", "mentor", "mentee"])
def test_only_the_curator_decides(world, overdue, login, role):
    suggestion = _offer(overdue)
    client = login(world.users[role])
    assert "Засчитать как выполнение" not in client.get(reverse("dashboard")).content.decode()
    response = client.post(reverse("roadmap:evidence_accept", args=[suggestion.uuid]))
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_curator_of_another_school_gets_404(world, overdue, login):
    suggestion = _offer(overdue)
    client = login(world.other_curator)
    assert client.post(reverse("roadmap:evidence_accept", args=[suggestion.uuid])).status_code == 404
    assert client.post(reverse("roadmap:evidence_decline", args=[suggestion.uuid])).status_code == 404


def test_get_is_not_allowed(world, overdue, login):
    suggestion = _offer(overdue)
    client = login(world.users["curator"])
    assert client.get(reverse("roadmap:evidence_accept", args=[suggestion.uuid])).status_code == 405
