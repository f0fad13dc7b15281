"""The statistics page and its exports: admin, director and curator only."""

from __future__ import annotations

from mentoring.tests.matrix import STAFF_READERS, Case, roles, url

CASES = {
    "statistics:index": Case(url("statistics:index"), roles(allowed=STAFF_READERS)),
    "statistics:export": Case(
        url("statistics:export", "registry"), roles(302, allowed=STAFF_READERS), method="post"
    ),
}
