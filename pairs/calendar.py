"""A person's planned meetings as events of their personal calendar feed."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from django.utils import timezone

from pairs.models import Meeting, Pair


def planned_meeting_events(person) -> list[icalendar.Event]:
    meetings = (
        Meeting.objects.upcoming()
        .filter(attendees=person, pair__status=Pair.Status.ACTIVE)
        .select_related("pair")
    )
    events = []
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.uuid}@nastavnichestvo")
        starts = meeting.starts_at
        if starts is None:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + timedelta(days=1))
        else:
            # Local time with TZID (Europe/Moscow by default): the calendar shows it as the school does.
            starts = timezone.localtime(starts)
            event.add("dtstart", starts)
            event.add("dtend", starts + timedelta(minutes=meeting.duration_minutes))
        event.add("summary", f"Встреча наставника: {meeting.topic}"[:200])
        where = meeting.place or meeting.video_link
        if where:
            event.add("location", where)
        if meeting.video_link:
            event.add("url", meeting.video_link)
        description = f"{meeting.get_kind_display()}. {meeting.agenda}".strip()
        event.add("description", description)
        event.add("status", "CONFIRMED")
        events.append(event)
    return events
