"""Signals of the publication section, for the sections built on it."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the saving transaction with `item` and `actor` when a news item is first published.
news_published = Signal()
# Sent inside the approving transaction with `regulation` and `actor`.
regulation_approved = Signal()
