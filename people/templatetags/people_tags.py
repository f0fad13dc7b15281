"""Badges of the people lists, written once in Python: a filter per cell is much cheaper than an
`{% include %}` per row (templates/people/_consent_badge.html and _account_badge.html call these)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

CONSENT_VALID = mark_safe('<span class="badge text-bg-success">согласие действует</span>')
CONSENT_MISSING = mark_safe('<span class="badge text-bg-warning">нет согласия</span>')
ACCOUNT = {
    "active": mark_safe('<span class="badge text-bg-success">активен</span>'),
    "invited": mark_safe('<span class="badge text-bg-info">приглашён</span>'),
}
NO_ACCOUNT = mark_safe('<span class="badge text-bg-light border">не приглашён</span>')


@register.filter
def consent_badge(row) -> SafeString:
    """`row.consent_valid` (annotated on the bank and registry rows) as a badge."""
    return CONSENT_VALID if getattr(row, "consent_valid", False) else CONSENT_MISSING


@register.filter
def account_badge(row) -> SafeString:
    """`row.account_state` («active», «invited» or none) as a badge."""
    return ACCOUNT.get(getattr(row, "account_state", None), NO_ACCOUNT)
