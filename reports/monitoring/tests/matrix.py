"""The statistics page and its exports: admin, director, curator and the municipal coordinator;
the overview of a municipality's schools: the admin and the coordinator."""

from __future__ import annotations

from mentoring.tests.matrix import STAFF_READERS, Case, roles, url

READERS = (*STAFF_READERS, "coordinator")

CASES = {
    "statistics:index": Case(url("statistics:index"), roles(allowed=READERS)),
    "statistics:export": Case(
        url("statistics:export", "registry"), roles(302, allowed=READERS), method="post"
    ),
    "statistics:schools": Case(url("statistics:schools"), roles(allowed=("admin", "coordinator"))),
}
