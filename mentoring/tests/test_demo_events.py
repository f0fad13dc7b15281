from __future__ import annotations

import icalendar
from django.core.management import call_command
from django.urls import reverse

from notifications.models import Kind, Notification
from people.models import Person
from reports.events.models import Event
from reports.surveys.models import CampaignSchedule
from roadmap.models import CalendarToken


def test_demo_has_upcoming_events_in_the_mentors_feed_and_a_quarterly_schedule(db, client):
    call_command("seed_demo")
    upcoming = Event.objects.filter(organization__slug="school7", status=Event.Status.PLANNED)
    assert upcoming.count() == 3
    mentor = Person.objects.get(organization__slug="school7", user__username="mentor")
    token = CalendarToken.objects.create(person=mentor)
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("roadmap:calendar_feed", args=[token.token])).content
    )
    uids = {str(e["uid"]) for e in calendar.walk("VEVENT")}
    assert {
        f"event-{e.uuid}@nastavnichestvo" for e in upcoming.exclude(kind=Event.Kind.PARENTS_MEETING)
    } <= uids
    # The demo parent is invited to the parents' meeting of the child's class.
    assert Notification.objects.filter(recipient__username="parent", kind=Kind.EVENT).count() == 1
    schedule = CampaignSchedule.objects.get(organization__slug="school7")
    assert (schedule.frequency, schedule.active) == ("quarterly", True)
    call_command("seed_demo")
    assert upcoming.count() == 3 and CampaignSchedule.objects.count() == 1
