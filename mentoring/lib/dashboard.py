"""Dashboard panels contributed by each app.

Each app may define `<app>/dashboard.py` with `panels(request) -> list[Panel]`; the dashboard shows
them ordered by `order`. Apps stay independent of each other and of the dashboard view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

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
    return sorted(panels, key=lambda p: p.order)
