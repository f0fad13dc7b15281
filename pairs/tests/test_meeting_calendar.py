"""The personal calendar feed carries the person's planned meetings with their local time."""

from __future__ import annotations

from datetime import time, timedelta

import icalendar
import pytest
from django.urls import reverse

from pairs import actions
from pairs.tests.factories import plan_meeting, world_pair
from roadmap.models import CalendarToken

pytestmark = pytest.mark.django_db


def _feed(client, person) -> icalendar.Calendar:
    token = CalendarToken.objects.create(person=person)
    response = client.get(reverse("roadmap:calendar_feed", args=[token.token]))
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def test_mentors_feed_holds_a_planned_meeting_with_its_moscow_time(world, client):
    meeting = plan_meeting(world_pair(world), at=time(15, 30))
    body_events = _feed(client, world.person_of("mentor")).walk("VEVENT")
    event = next(e for e in body_events if str(e["uid"]).startswith(f"meeting-{meeting.uuid}"))
    start = event.decoded("dtstart")
    assert (start.date(), start.hour, start.minute) == (meeting.date, 15, 30)
    assert str(start.tzinfo) == "Europe/Moscow" and event["dtstart"].params["TZID"] == "Europe/Moscow"
    assert event.decoded("dtend") - start == timedelta(minutes=45)
    assert str(event["location"]) == "каб. 204"


def test_cancelled_and_held_meetings_leave_the_feed(world, client):
    meeting = plan_meeting(world_pair(world))
    actions.meeting_cancel(meeting, actor=None)
    uids = [str(e["uid"]) for e in _feed(client, world.person_of("mentee")).walk("VEVENT")]
    assert not any(uid.startswith("meeting-") for uid in uids)


def test_feed_has_no_meetings_of_other_people(world, client):
    plan_meeting(world_pair(world))
    uids = [str(e["uid"]) for e in _feed(client, world.person_of("curator")).walk("VEVENT")]
    assert not any(uid.startswith("meeting-") for uid in uids)
