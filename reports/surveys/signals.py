"""Signals of surveys, for the sections built on them (surveys import none of those sections)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the closing transaction with `campaign` and `actor`.
campaign_closed = Signal()
