"""Filters of list pages where a template loop would cost more than the page's rows."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def select_options(field) -> SafeString:
    """The `<option>`s of a bound select field, the current value selected (templates/people/
    _filter_form.html): one filter call instead of a loop with a comparison per option."""
    current = str(field.value())
    options = []
    for value, label in field.field.choices:
        text = str(value)
        selected = " selected" if text == current else ""
        # The standard library's escape, as Django's but without its lazy-string wrapper per call.
        options.append(f'<option value="{escape(text)}"{selected}>{escape(str(label))}</option>')
    return mark_safe("".join(options))  # noqa: S308 — every value and label escaped above
