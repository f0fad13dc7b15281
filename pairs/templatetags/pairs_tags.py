from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def is_mentor_of(pair, user) -> bool:
    return pair.is_mentor(user)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)
