"""Dashboard panels contributed by each app.

Each app may define `<app>/dashboard.py` with `panels(request) -> list[Panel]`; the dashboard shows
them ordered by `order`. Apps stay independent of each other and of the dashboard view.

A panel's organization-wide figures may be kept: `kept(request, key, compute)` returns them from
the organization's `DashboardFigures` row (one query for every panel of the request) while nothing
they count has changed, else computes them; `collect_panels` stores what was computed in one
statement. Triggers mark the row stale on any write to the tables listed in migration
`mentoring/0003_dashboard_figures`; a figure read there must count only from those tables.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone

PANEL_APPS = [
    "people",
    "roadmap",
    "pairs",
    "reports.surveys",
    "reports.orders",
    "reports.publication",
    "reports.monitoring",
]

# «Ждут вашего решения»: each app adds what awaits the user's decision as an `awaiting(…)` panel;
# the dashboard shows them as one panel, in the order of PANEL_APPS.
AWAITING_TEMPLATE = "_panel_awaiting_decision.html"


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    width: str = "col-12 col-xl-6"


@dataclass
class Awaiting:
    """One record waiting for the user: its name, its page and what it waits for."""

    label: str
    url: str
    what: str


def awaiting(items: list[Awaiting]) -> Panel:
    return Panel(AWAITING_TEMPLATE, {"items": items}, order=5)


def collect_panels(request) -> list[Panel]:
    panels: list[Panel] = []
    for app in PANEL_APPS:
        try:
            module = import_module(f"{app}.dashboard")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.dashboard":
                raise
            continue
        panels.extend(module.panels(request))
    waiting = [item for p in panels if p.template == AWAITING_TEMPLATE for item in p.context["items"]]
    panels = [p for p in panels if p.template != AWAITING_TEMPLATE]
    if waiting:
        panels.append(awaiting(waiting))
    _store_kept(request)
    return sorted(panels, key=lambda p: p.order)


@dataclass
class _Kept:
    """The request's view of its organization's kept row: the figures read, those computed."""

    organization_id: int
    version: int
    fresh: bool
    data: dict
    computed: dict = field(default_factory=dict)


def _load_kept(request) -> _Kept:
    from mentoring.models import DashboardFigures

    kept_row = getattr(request, "_dashboard_kept", None)
    if kept_row is not None:
        return kept_row
    org = request.organization
    today = timezone.localdate()
    row = DashboardFigures.objects.filter(organization=org).first()
    if row is None:
        # Created before computing, so that a write committed meanwhile raises its version.
        DashboardFigures.objects.bulk_create([DashboardFigures(organization=org)], ignore_conflicts=True)
        kept_row = _Kept(org.pk, 1, False, {})
    else:
        fresh = row.computed_version == row.version and row.reference_day == today
        kept_row = _Kept(org.pk, row.version, fresh, row.data if fresh else {})
    request._dashboard_kept = kept_row
    return kept_row


def kept(request, key: str, compute: Callable[[], Any]) -> Any:
    """The figures `key` of the request's organization: kept ones while fresh, else `compute()`
    (its result must be JSON: numbers, text, lists and dicts; dates come back as ISO text)."""
    kept_row = _load_kept(request)
    if key in kept_row.data:
        return kept_row.data[key]
    if key not in kept_row.computed:
        kept_row.computed[key] = compute()
    return kept_row.computed[key]


def _store_kept(request) -> None:
    """Store the figures computed in this request, as of the version read before computing: a
    write committed meanwhile has raised the version past it and the row stays stale."""
    kept_row = getattr(request, "_dashboard_kept", None)
    if kept_row is None or not kept_row.computed:
        return
    data = json.dumps(kept_row.computed, cls=DjangoJSONEncoder)
    with connection.cursor() as cursor:
        if kept_row.fresh:
            # Figures another role's panels did not need: added to the fresh row.
            cursor.execute(
                "UPDATE mentoring_dashboardfigures SET data = data || %s::jsonb"
                " WHERE organization_id = %s AND computed_version = %s AND version = %s",
                [data, kept_row.organization_id, kept_row.version, kept_row.version],
            )
        else:
            cursor.execute(
                "UPDATE mentoring_dashboardfigures SET data = %s::jsonb, computed_version = %s,"
                " reference_day = %s WHERE organization_id = %s AND computed_version <= %s",
                [data, kept_row.version, timezone.localdate(), kept_row.organization_id, kept_row.version],
            )
    request._dashboard_kept = None
