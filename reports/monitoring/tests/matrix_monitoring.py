"""The monitoring page, the analytical note and the per-campaign survey exports: staff readers only."""

from __future__ import annotations

from mentoring.tests.matrix import STAFF_READERS, Case, roles, url
from reports.surveys.tests.factories import world_campaign

CASES = {
    "statistics:monitoring": Case(url("statistics:monitoring"), roles(allowed=STAFF_READERS)),
    "statistics:monitoring_note": Case(
        url("statistics:monitoring_note"), roles(302, allowed=STAFF_READERS), method="post"
    ),
    "statistics:campaign_export": Case(
        url("statistics:campaign_export", lambda w: world_campaign(w).uuid, "answers"),
        roles(302, allowed=STAFF_READERS),
        method="post",
    ),
}
