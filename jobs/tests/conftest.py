from __future__ import annotations

import pytest

from jobs import registry


@pytest.fixture
def kind():
    """`kind(run)` registers a job kind for the test (permission: statistics readers)."""
    added = []

    def _register(run, name="test_kind", permission="monitoring.view_statistics"):
        registry.register(name, permission=permission)(run)
        added.append(name)
        return name

    yield _register
    for name in added:
        registry._KINDS.pop(name, None)
