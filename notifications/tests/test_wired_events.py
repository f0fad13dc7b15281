"""Each event the programme notifies about writes exactly one notification per recipient."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from notifications.models import Kind, Notification
from pairs import actions as pair_actions
from pairs.tests.factories import world_pair, world_planned_meeting
from people.models import AcademicYear
from people.tests.factories import make_member
from reports.orders import actions as order_actions
from reports.orders.tests.factories import launch_order
from reports.surveys.models import Participation
from reports.surveys.tests.factories import world_campaign
from roadmap import actions as roadmap_actions

pytestmark = pytest.mark.django_db


def recipients(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_pair_activation_tells_its_mentor_and_mentee(world):
    pair = world_pair(world)
    assert recipients(Kind.PAIR_ACTIVATED) == ["mentee", "mentor"]
    note = Notification.objects.filter(kind=Kind.PAIR_ACTIVATED).first()
    assert note.link == pair.get_absolute_url()
    assert note.key == f"pair-activated:{pair.uuid}"


def test_a_planned_moved_and_cancelled_meeting_is_told_to_its_attendees_but_not_to_who_changed_it(world):
    meeting = world_planned_meeting(world)
    assert recipients(Kind.MEETING) == ["mentee", "mentor"]
    pair_actions.meeting_move(
        meeting, date=timezone.localdate() + timedelta(days=9), time=time(16, 0), actor=world.users["mentor"]
    )
    pair_actions.meeting_cancel(meeting, actor=world.users["mentor"])
    titles = list(
        Notification.objects.filter(kind=Kind.MEETING, recipient=world.users["mentee"])
        .order_by("pk")
        .values_list("title", flat=True)
    )
    assert [t.split(":")[0] for t in titles] == [
        "Назначена встреча",
        "Встреча перенесена",
        "Встреча отменена",
    ]
    assert "16:00" in titles[1]
    assert Notification.objects.filter(kind=Kind.MEETING, recipient=world.users["mentor"]).count() == 1


def test_a_refused_change_notifies_nobody(world):
    meeting = world_planned_meeting(world)
    pair_actions.meeting_cancel(meeting, actor=None)
    before = Notification.objects.count()
    with pytest.raises(pair_actions.ActionRefused):
        pair_actions.meeting_cancel(meeting, actor=None)
    assert Notification.objects.count() == before


def test_a_submitted_roadmap_is_told_to_the_directors_of_its_school_each_time(world):
    make_member(world.other_org, "director", username="other-director")
    roadmap = roadmap_actions.roadmap_create_from_template(
        world.org, AcademicYear.objects.current(), actor=None
    )
    roadmap_actions.roadmap_submit(roadmap, actor=world.users["curator"])
    assert recipients(Kind.ROADMAP_REVIEW) == ["director"]
    roadmap_actions.roadmap_return(roadmap, actor=world.users["director"], comment="Уточните сроки")
    assert recipients(Kind.ROADMAP_DECISION) == ["curator"]
    roadmap_actions.roadmap_submit(roadmap, actor=world.users["curator"])
    assert recipients(Kind.ROADMAP_REVIEW) == ["director", "director"]


def test_a_programme_sent_for_approval_is_told_to_the_directors_of_its_school_each_time(world):
    make_member(world.other_org, "director", username="other-director")
    program = world_pair(world).program
    pair_actions.program_submit(program, actor=world.users["curator"])
    assert recipients(Kind.PROGRAM_REVIEW) == ["director"]
    assert Notification.objects.get(kind=Kind.PROGRAM_REVIEW).link == world_pair(world).get_absolute_url()
    pair_actions.program_return(program, actor=world.users["director"], comment="Уточните сроки")
    assert recipients(Kind.PROGRAM_DECISION) == ["curator"]
    pair_actions.program_submit(program, actor=world.users["curator"])
    assert recipients(Kind.PROGRAM_REVIEW) == ["director", "director"]


def test_an_order_sent_for_signature_is_told_to_the_director(world):
    make_member(world.other_org, "director", username="other-director")
    order = launch_order(world.org)
    order_actions.order_submit(order, actor=world.users["curator"])
    assert recipients(Kind.ORDER_SIGNATURE) == ["director"]
    assert Notification.objects.get(kind=Kind.ORDER_SIGNATURE).link == order.get_absolute_url()


def test_a_launched_survey_is_told_to_its_addressees_with_an_account(world):
    campaign = world_campaign(world)
    with_account = sorted(
        Participation.objects.filter(campaign=campaign, person__user__isnull=False).values_list(
            "person__user__username", flat=True
        )
    )
    assert with_account
    assert recipients(Kind.SURVEY_LAUNCHED) == with_account
    assert (
        Notification.objects.filter(kind=Kind.SURVEY_LAUNCHED)
        .first()
        .link.endswith(f"/{campaign.uuid}/answer/")
    )


def test_a_regulation_sent_for_approval_is_told_to_the_director_each_time(world):
    from reports.publication import actions as publication_actions
    from reports.publication.tests.factories import review_regulation

    make_member(world.other_org, "director", username="other-director")
    regulation = review_regulation(world.org)
    assert recipients(Kind.REGULATION_REVIEW) == ["director"]
    note = Notification.objects.get(kind=Kind.REGULATION_REVIEW)
    assert note.link == regulation.get_absolute_url()
    assert "протокол от" in note.text
    publication_actions.regulation_return(regulation, actor=world.users["director"], comment="Дополните")
    publication_actions.regulation_submit(
        regulation,
        actor=world.users["curator"],
        protocol_date=timezone.localdate(),
        protocol_number="5",
    )
    assert recipients(Kind.REGULATION_REVIEW) == ["director", "director"]


def test_a_refused_regulation_submission_notifies_nobody(world):
    from reports.publication import actions as publication_actions
    from reports.publication.tests.factories import draft_regulation

    regulation = draft_regulation(world.org)
    with pytest.raises(publication_actions.ActionRefused):
        publication_actions.regulation_submit(
            regulation, actor=world.users["curator"], protocol_date=timezone.localdate(), protocol_number=" "
        )
    assert not Notification.objects.filter(kind=Kind.REGULATION_REVIEW).exists()
