from __future__ import annotations

from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from mentoring.lib.urls import uuid_url

register = template.Library()


@register.filter
def is_mentor_of(pair, user) -> bool:
    return pair.is_mentor(user)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)


# A parent's view of a group (pairs.views.pair_detail): the other children are left out by id.
@register.filter
def without(people, hidden) -> list:
    return [person for person in people if person.pk not in (hidden or ())]


@register.filter
def among(people, hidden) -> int:
    return sum(person.pk in (hidden or ()) for person in people)


@register.filter
def without_feedback_of(feedbacks, hidden) -> list:
    return [feedback for feedback in feedbacks if feedback.person_id not in (hidden or ())]


# The pair list's cells, written once in Python: a filter per cell is much cheaper than an
# `{% include %}` per row (templates/pairs/_people.html, _status_badge.html and _progress.html
# call these too).
STATUS_CLASSES = {"active": "text-bg-success", "project": "text-bg-secondary", "completed": "text-bg-primary"}
ARROW = mark_safe(
    '<i class="bi bi-arrow-right text-muted" aria-hidden="true"></i><span class="visually-hidden">наставляет</span>'
)
NO_PROGRAM = mark_safe('<span class="text-muted small">нет программы</span>')


@register.filter
def pair_people(pair) -> SafeString:
    """«Наставник → наставляемые» from the names the list attached (pairs.models.attach_names)."""
    return format_html("{}\n{}\n{}", ", ".join(pair.mentor_names), ARROW, ", ".join(pair.mentee_names))


@register.filter
def status_badge(pair) -> SafeString:
    css = STATUS_CLASSES.get(pair.status, "text-bg-danger")
    return format_html('<span class="badge badge-status {}">{}</span>', css, pair.get_status_display())


@register.filter
def program_progress(pair) -> SafeString:
    """The programme's items done of all, as a bar (`items_done`, `items_total` annotated)."""
    total = getattr(pair, "items_total", 0)
    if not total:
        return NO_PROGRAM
    done = pair.items_done
    percent = round(done / total * 100)
    return format_html(
        '<div class="d-flex align-items-center gap-2" title="Выполнено пунктов программы: {done} из {total}">'
        '<progress class="flex-grow-1" max="100" value="{percent}" aria-label="Выполнение программы">'
        "{percent}%</progress>"
        '<span class="small text-nowrap">{done}/{total}</span></div>',
        done=done,
        total=total,
        percent=percent,
    )


GROUP_BADGE = ' <span class="badge text-bg-info">группа</span>'


@register.filter
def pair_rows(pairs) -> SafeString:
    """The pair list's table rows (templates/pairs/pair_list.html), written in Python: the same
    markup the template loop wrote, at a fraction of its cost (per row a `reverse()`, two `date`
    filters and a dozen variable lookups came to ~3 ms a page). Every value is escaped here or
    in the cell filters above."""
    pair_url = uuid_url("pairs:pair_detail")
    rows = []
    for pair in pairs:
        rows.append(
            "\n  <tr>\n"
            f'    <td><a href="{escape(pair_url(pair.uuid))}">{pair_people(pair)}</a>'
            f"{GROUP_BADGE if pair.is_group else ''}</td>\n"
            f'    <td class="small">{escape(str(pair.form))}<br><span class="text-muted">{escape(str(pair.type))}</span></td>\n'
            f"    <td>{status_badge(pair)}</td>\n"
            f'    <td class="small">{_day(pair.planned_start)} – {_day(pair.planned_end)}</td>\n'
            f"    <td>{pair.meetings_count}</td>\n"
            f"    <td>{program_progress(pair)}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 — every value escaped above


def _day(value) -> str:
    """`value|date:"d.m.Y"` of the template."""
    return value.strftime("%d.%m.%Y") if value else ""
