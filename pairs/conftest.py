from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _reference_lists(request):
    """Forms, types and competencies come from a data migration; a transactional test (a browser
    test) flushes them for every test after it, so put them back for the tests that need them."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "world", "transactional_db"} & set(request.fixturenames):
        return
    transactional = bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    from pairs.demo import ensure_reference_lists

    ensure_reference_lists()
