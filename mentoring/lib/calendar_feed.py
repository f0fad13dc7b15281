"""Sources of the personal calendar feed.

The feed is served by the roadmap app (its deadlines), but other apps add their own events (pairs:
planned meetings) without roadmap importing them: an app registers a source in its
`AppConfig.ready`, and the feed asks every source for the person's events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import icalendar

CalendarSource = Callable[[object], Iterable[icalendar.Event]]

_sources: list[CalendarSource] = []


def register_calendar_source(source: CalendarSource) -> None:
    """Add `source(person) -> events` to everyone's calendar feed (once, however often called)."""
    if source not in _sources:
        _sources.append(source)


def extra_events(person) -> Iterable[icalendar.Event]:
    for source in _sources:
        yield from source(person)
