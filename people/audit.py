"""The audit log of personal data: the history tables it reads and the names of their records.

Each app registers its own tables from its `ready()`, so the people app never imports the apps
above it.
"""

from __future__ import annotations

# Filled by the apps' ready(): event models, and the label of the tracked model → a Russian name.
AUDITED_EVENT_MODELS: list = []
AUDITED_MODEL_LABELS: dict[str, str] = {}


def register_audited(event_model, label: str) -> None:
    """Show the changes recorded in `event_model` (a pghistory event model) in the audit log,
    naming their records `label` («пара (группа)»)."""
    if event_model not in AUDITED_EVENT_MODELS:
        AUDITED_EVENT_MODELS.append(event_model)
    AUDITED_MODEL_LABELS[event_model.pgh_tracked_model._meta.label] = label
