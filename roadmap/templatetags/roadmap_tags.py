from __future__ import annotations

from datetime import date

from django import template

register = template.Library()


@register.filter
def iso_date(value: str | None) -> date | None:
    """«2024-09-15» (as kept in the import preview) → a date, for the |date filter."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@register.filter
def lookup(mapping: dict, key):
    return mapping.get(key) if mapping else None
