"""Dashboard panel of surveys: the campaigns waiting for the user's answer."""

from __future__ import annotations

from mentoring.lib.dashboard import Panel
from reports.surveys.models import Campaign, Participation


def panels(request) -> list[Panel]:
    org = request.organization
    if org is None:
        return []
    surveys = list(
        Participation.objects.filter(
            person__user=request.user, campaign__in=Campaign.objects.filter(organization=org).accepting()
        )
        .select_related("campaign__questionnaire")
        .order_by("answered", "campaign__closes_on", "campaign_id")[:10]
    )
    if not surveys:
        return []
    pending = sum(1 for p in surveys if not p.answered)
    return [Panel("surveys/_panel_my_surveys.html", {"surveys": surveys, "pending": pending}, order=12)]
