"""Filters of the analytical note's wording templates: numbers as the note prints them."""

from __future__ import annotations

from django import template

from reports.monitoring import notes

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.333 → «33 %»; None → «—»."""
    return notes.percent(value)


@register.filter
def number(value: float | None) -> str:
    """8.50 → «8,5»; None → «—»."""
    return notes.number(value)


@register.filter
def share_of(part: int, whole: int) -> str:
    """`part` as a percentage of `whole`: {{ done|share_of:due }} → «33 %»; «—» when `whole` is 0."""
    return notes.percent(part / whole if whole else None)
