"""Dashboard panels contributed by each app.

Each app may define `<app>/dashboard.py` with `panels(request) -> list[Panel]`; the dashboard shows
them ordered by `order`. Apps stay independent of each other and of the dashboard view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

PANEL_APPS = ["people", "roadmap", "pairs", "reports.surveys", "reports.orders", "reports.monitoring"]


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    width: str = "col-12 col-xl-6"


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
    return sorted(panels, key=lambda p: p.order)
