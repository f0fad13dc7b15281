"""Dashboard panel of the publication section: the Положение awaiting the director's approval."""

from __future__ import annotations

from mentoring.lib.dashboard import Awaiting, Panel, awaiting
from people.roles import DIRECTOR
from reports.publication.models import Regulation


def panels(request) -> list[Panel]:
    org = request.organization
    # The role, as `publication.approve_regulation` checks it, read from the request (no query).
    if org is None or DIRECTOR not in request.roles:
        return []
    waiting = list(Regulation.objects.filter(organization=org).in_review().order_by("audience"))
    if not waiting:
        return []
    return [
        awaiting(
            [
                Awaiting(
                    f"Положение о наставничестве {r.get_audience_display()}",
                    r.get_absolute_url(),
                    "на утверждении",
                )
                for r in waiting
            ]
        )
    ]
