"""Protocols of the pedagogical council that lower apps cite («ПРИНЯТО … протокол от … №»).

The register lives in the events app, above the roadmap; the roadmap may not import it, so the
events app registers a function here and the roadmap's approval form asks for the choices.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

_source: Callable[[object], QuerySet] | None = None


def register_council_protocols(source: Callable[[object], QuerySet]) -> None:
    """`source(organization)` returns the organization's pedagogical council protocols, each with
    `number` (str), `date` and a `label` for a choice."""
    global _source
    _source = source


def council_protocols(organization) -> QuerySet | None:
    """The protocols to pick from, or None when no app keeps a register."""
    if _source is None or organization is None:
        return None
    return _source(organization)
