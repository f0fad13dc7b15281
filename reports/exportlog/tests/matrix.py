"""The file of a recorded export: whoever may make that export in its school (the coordinator of
its municipality too); participants and other schools do not see it."""

from __future__ import annotations

from mentoring.tests.matrix import Case, roles, url
from reports.exportlog.tests.factories import world_record

CASES = {
    "exportlog:download": Case(
        url("exportlog:download", lambda w: world_record(w).uuid),
        roles(allowed=("admin", "director", "curator", "coordinator"), denied=404),
    ),
}
