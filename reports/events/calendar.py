"""A person's events as entries of their personal calendar feed (served by the roadmap app)."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

from mentoring.lib.text import sentence
from reports.events.models import Event

# Past events stay in the calendar for a while, so that a subscribed calendar keeps the recent ones.
FEED_PAST_DAYS = 90


def event_entries(person) -> list[icalendar.Event]:
    """The events the person is invited to (by name, with a pair, a training group or their class)
    or organizes. A cancelled one stays with STATUS:CANCELLED under the same UID, so that a
    subscribed calendar marks it rather than keeping a stale copy."""
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    events = (
        Event.objects.of_person(person)
        .filter(starts_at__gte=since)
        .select_related("organizer")
        .order_by("starts_at", "pk")
    )
    entries = []
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.uuid}@nastavnichestvo")
        # Local time with TZID (Europe/Moscow by default), as the school announces it.
        entry.add("dtstart", timezone.localtime(event.starts_at))
        entry.add("dtend", timezone.localtime(event.ends_at))
        entry.add("summary", f"{event.get_kind_display()}: {event.title}"[:200])
        if event.place:
            entry.add("location", event.place)
        entry.add("url", settings.SITE_URL + event.get_absolute_url())
        description = sentence(f"Организатор: {event.organizer.short_name}")
        if event.status == Event.Status.CANCELLED:
            description = (
                "Мероприятие отменено" + (f": {event.cancel_reason}" if event.cancel_reason else "") + "."
            )
        entry.add("description", description)
        entry.add("last-modified", event.updated_at)
        entry.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
        entries.append(entry)
    return entries
