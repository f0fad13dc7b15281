"""Tags of the monitoring page."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def value_cells(texts: list[str]) -> SafeString:
    """One organization's row of formatted values (`indicators.cells`) as table cells, built in one
    call: the side-by-side table of a region has ~10,000 of them (format_html per cell took a third
    of the page's time)."""
    return mark_safe(  # noqa: S308 (every text is escaped here)
        "".join(
            f'<td class="text-end{" text-muted" if text == "—" else ""}">{escape(text)}</td>'
            for text in texts
        )
    )
