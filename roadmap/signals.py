"""Signals of the roadmap, for the sections whose objects it takes as evidence (it imports none)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside `evidence_accept`'s transaction with `suggestion` and `actor`, once the activity (or
# its occurrence) is done: the section that offered the object may keep what the evidence needs.
evidence_accepted = Signal()
