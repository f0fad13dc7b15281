"""Signals of orders, for the sections built on them (orders import none of those sections)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the signing transaction with `order` and `actor`, once the order is numbered and frozen.
order_signed = Signal()
