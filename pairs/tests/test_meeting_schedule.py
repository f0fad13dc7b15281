"""Meetings as a schedule: planned → held | cancelled | missed, moved; feedback only after held."""

from __future__ import annotations

from datetime import date, time, timedelta

import pghistory.models
import pytest
from django.urls import reverse

from mentoring.lib.actions import ActionRefused
from pairs import actions
from pairs.models import Meeting
from pairs.tests.factories import log_meeting, plan_meeting, world_pair, world_planned_meeting

pytestmark = pytest.mark.django_db
TODAY = date.today()
HTMX = {"HTTP_HX_REQUEST": "true"}
FEEDBACK = {"usefulness": 8, "comfort": 9, "clarity": 7}


def _attendees(meeting):
    return list(meeting.pair.participant_people())


def test_a_planned_meeting_cannot_be_held_before_its_date(world):
    meeting = world_planned_meeting(world)
    with pytest.raises(ActionRefused, match="Встречу нельзя отметить проведённой до её даты."):
        actions.meeting_hold(meeting, summary="итоги", attendees=_attendees(meeting), actor=None)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED and meeting.summary == ""


def test_a_future_meeting_cannot_be_logged_as_held(world):
    with pytest.raises(ActionRefused, match="Встречу нельзя отметить проведённой до её даты"):
        log_meeting(world_pair(world), on=TODAY + timedelta(days=14))
    assert not Meeting.objects.filter(date=TODAY + timedelta(days=14)).exists()


def test_a_meeting_planned_for_today_is_held_with_notes(world):
    meeting = plan_meeting(world_pair(world), on=TODAY)
    people = _attendees(meeting)[:1]
    actions.meeting_hold(
        meeting, summary="Разобрали урок", next_steps="Открытый урок", attendees=people, actor=None
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.summary == "Разобрали урок"
    assert list(meeting.attendees.all()) == people


def test_feedback_is_refused_for_a_planned_meeting(world):
    meeting = world_planned_meeting(world)
    person = _attendees(meeting)[0]
    with pytest.raises(ActionRefused, match="после проведённой встречи"):
        actions.feedback_give(meeting, person=person, data=FEEDBACK, actor=None)
    assert not meeting.feedbacks.exists()


def test_planned_meetings_wait_for_no_feedback(world):
    meeting = world_planned_meeting(world)
    people = [p.pk for p in _attendees(meeting)]
    assert not Meeting.objects.pending_feedback_for(people).filter(pk=meeting.pk).exists()


def test_a_moved_meeting_keeps_its_history(world):
    meeting = world_planned_meeting(world)
    old_date = meeting.date
    actions.meeting_move(meeting, date=old_date + timedelta(days=2), time=time(10, 0), actor=None)
    meeting.refresh_from_db()
    assert (meeting.date, meeting.time) == (old_date + timedelta(days=2), time(10, 0))
    events = pghistory.models.Events.objects.tracks(meeting).order_by("pgh_created_at")
    dates = [e.pgh_data["date"] for e in events]
    assert dates == [old_date.isoformat(), (old_date + timedelta(days=2)).isoformat()]


def test_a_meeting_cannot_be_moved_into_the_past(world):
    meeting = world_planned_meeting(world)
    with pytest.raises(ActionRefused, match="на сегодня или на будущий день"):
        actions.meeting_move(meeting, date=TODAY - timedelta(days=1), time=time(10, 0), actor=None)


def test_a_cancelled_meeting_cannot_be_held_or_moved(world):
    meeting = world_planned_meeting(world)
    actions.meeting_cancel(meeting, actor=None)
    with pytest.raises(ActionRefused, match="Встреча уже отменена"):
        actions.meeting_move(meeting, date=TODAY + timedelta(days=3), time=time(9, 0), actor=None)
    with pytest.raises(ActionRefused, match="Встреча уже отменена"):
        actions.meeting_hold(meeting, summary="x", attendees=_attendees(meeting), actor=None)


def test_a_future_meeting_cannot_be_marked_missed(world):
    meeting = world_planned_meeting(world)
    with pytest.raises(ActionRefused, match="не состоялась"):
        actions.meeting_miss(meeting, actor=None)
    today = plan_meeting(world_pair(world), on=TODAY)
    actions.meeting_miss(today, actor=None)
    today.refresh_from_db()
    assert today.status == Meeting.Status.MISSED


def test_planning_needs_a_place_or_a_link(world):
    pair = world_pair(world)
    data = dict(kind="regular", date=TODAY + timedelta(days=1), time=time(15, 0), topic="Тема", place="")
    with pytest.raises(ActionRefused, match="место встречи или ссылку"):
        actions.meeting_plan(pair, data=data, attendees=pair.participant_people(), actor=None)


# Views -----------------------------------------------------------------------------------------


def test_mentor_plans_a_meeting_through_the_dialog(world, login):
    pair = world_pair(world)
    client = login(world.users["mentor"])
    url = reverse("pairs:meeting_plan", args=[pair.uuid])
    when = TODAY + timedelta(days=5)
    response = client.post(
        url,
        {
            "kind": "regular",
            "date": when.isoformat(),
            "time": "16:00",
            "duration_minutes": 45,
            "format": "remote",
            "video_link": "https://sferum.ru/call/abc",
            "topic": "Подготовка к открытому уроку",
            "agenda": "План урока",
            "attendees": [str(p.uuid) for p in pair.participant_people()],
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "запланирована" in response.content.decode()
    meeting = pair.meetings.get(topic="Подготовка к открытому уроку")
    assert meeting.status == Meeting.Status.PLANNED and meeting.time == time(16, 0)
    card = client.get(pair.get_absolute_url()).content.decode()
    assert "Следующая встреча:" in card and f"{when:%d.%m.%Y}, 16:00" in card


def test_mentor_marking_a_future_meeting_held_sees_the_refusal(world, login):
    meeting = world_planned_meeting(world)
    client = login(world.users["mentor"])
    response = client.post(
        reverse("pairs:meeting_hold", args=[meeting.uuid]),
        {"summary": "итоги", "attendees": [str(p.uuid) for p in _attendees(meeting)]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == meeting.pair.get_absolute_url()
    assert "Встречу нельзя отметить проведённой до её даты." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED and meeting.summary == ""


def test_the_form_for_a_future_meeting_held_is_not_opened(world, login):
    meeting = world_planned_meeting(world)
    response = login(world.users["mentor"]).get(
        reverse("pairs:meeting_hold", args=[meeting.uuid]), follow=True
    )
    assert response.redirect_chain[-1][0] == meeting.pair.get_absolute_url()
    assert "Встречу нельзя отметить проведённой до её даты." in response.content.decode()


@pytest.mark.parametrize("role", ["mentor", "curator"])
def test_a_future_meeting_offers_no_held_or_missed_until_its_date(world, login, role):
    future = world_planned_meeting(world)
    client = login(world.users[role])
    page = client.get(future.pair.get_absolute_url()).content.decode()
    assert reverse("pairs:meeting_move", args=[future.uuid]) in page
    assert reverse("pairs:meeting_cancel", args=[future.uuid]) in page
    assert reverse("pairs:meeting_hold", args=[future.uuid]) not in page
    assert reverse("pairs:meeting_miss", args=[future.uuid]) not in page
    today = plan_meeting(future.pair, on=TODAY)
    page = client.get(future.pair.get_absolute_url()).content.decode()
    assert reverse("pairs:meeting_hold", args=[today.uuid]) in page
    assert reverse("pairs:meeting_miss", args=[today.uuid]) in page


def test_mentor_marking_a_future_meeting_missed_sees_the_refusal(world, login):
    meeting = world_planned_meeting(world)
    response = login(world.users["mentor"]).post(
        reverse("pairs:meeting_miss", args=[meeting.uuid]), follow=True
    )
    assert "Отметить, что встреча не состоялась, можно с её даты" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_curator_moves_a_meeting(world, login):
    meeting = world_planned_meeting(world)
    client = login(world.users["curator"])
    new = meeting.date + timedelta(days=1)
    response = client.post(
        reverse("pairs:meeting_move", args=[meeting.uuid]), {"date": new.isoformat(), "time": "09:15"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date, meeting.time) == (new, time(9, 15))


def test_mentee_cannot_cancel_the_meeting(world, login):
    meeting = world_planned_meeting(world)
    response = login(world.users["mentee"]).post(reverse("pairs:meeting_cancel", args=[meeting.uuid]))
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_curator_of_another_school_gets_404_on_the_meeting(world, login):
    meeting = world_planned_meeting(world)
    client = login(world.other_curator)
    assert client.get(reverse("pairs:meeting_hold", args=[meeting.uuid])).status_code == 404
    assert client.post(reverse("pairs:meeting_cancel", args=[meeting.uuid])).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_feedback_page_of_a_planned_meeting_refuses(world, login):
    meeting = world_planned_meeting(world)
    client = login(world.users["mentee"])
    response = client.post(reverse("pairs:feedback_new", args=[meeting.uuid]), FEEDBACK)
    assert response.status_code == 200
    assert "после проведённой встречи" in response.content.decode()
    assert not meeting.feedbacks.exists()


def test_mentee_home_page_shows_the_next_meeting(world, login):
    meeting = world_planned_meeting(world)
    page = login(world.users["mentee"]).get(reverse("dashboard")).content.decode()
    assert (
        "Следующая встреча:" in page and meeting.topic in page and f"{meeting.date:%d.%m.%Y}, 15:30" in page
    )
