"""«Мои файлы»: every role has the page; a job's card, retry and file are its owner's alone."""

from __future__ import annotations

from jobs.tests.factories import world_job
from mentoring.tests.matrix import SIGNED_IN, Case, parent_refused, roles, url

CASES = {
    "jobs:list": Case(url("jobs:list"), parent_refused(roles(allowed=SIGNED_IN))),
    "jobs:status": Case(
        url("jobs:status", lambda w: world_job(w).uuid),
        parent_refused(roles(allowed=("curator",), denied=404)),
    ),
    "jobs:retry": Case(
        url("jobs:retry", lambda w: world_job(w).uuid),
        parent_refused(roles(302, allowed=("curator",), denied=404)),
        method="post",
    ),
    "jobs:download": Case(
        url("jobs:download", lambda w: world_job(w).uuid),
        parent_refused(roles(allowed=("curator",), denied=404)),
    ),
}
