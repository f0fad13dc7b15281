"""The monitoring page and the analytical note: staff readers and the municipal coordinator; the
per-campaign survey exports: staff readers only (a campaign does not exist for the coordinator)."""

from __future__ import annotations

from mentoring.tests.matrix import STAFF_READERS, Case, parent_refused, roles, url
from reports.surveys.tests.factories import world_campaign

CASES = {
    "statistics:monitoring": Case(
        url("statistics:monitoring"), roles(allowed=(*STAFF_READERS, "coordinator"))
    ),
    "statistics:monitoring_note": Case(
        url("statistics:monitoring_note"), roles(302, allowed=(*STAFF_READERS, "coordinator")), method="post"
    ),
    "statistics:campaign_export": Case(
        url("statistics:campaign_export", lambda w: world_campaign(w).uuid, "answers"),
        {**parent_refused(roles(302, allowed=STAFF_READERS)), "coordinator": 404},
        method="post",
    ),
}
