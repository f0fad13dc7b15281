"""Signals of events, for the sections built on them (events import none of those sections)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction that marks the event held, with `event` and `actor`.
event_held = Signal()
