"""The reminder the day before an event, written by `send_notifications` (registered in `EventsConfig`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from notifications import notify
from notifications.models import Kind
from reports.events.models import Event


def event_tomorrow(today: date) -> None:
    """An event planned for tomorrow → everyone invited with an account, once (keyed by the event)."""
    tomorrow = today + timedelta(days=1)
    first = timezone.make_aware(datetime.combine(tomorrow, time.min))
    events = Event.objects.filter(
        status=Event.Status.PLANNED, starts_at__gte=first, starts_at__lt=first + timedelta(days=1)
    )
    for event in events:
        local = timezone.localtime(event.starts_at)
        place = f", {event.place}" if event.place else ""
        notify(
            event.invited_user_ids(),
            kind=Kind.EVENT_TOMORROW,
            key=f"event-tomorrow:{event.uuid}",
            title=f"Завтра в {local:%H:%M}: {event.get_kind_display().lower()}",
            text=f"«{event.title}»{place}.",
            link=event.get_absolute_url(),
        )
