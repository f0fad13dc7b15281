"""Dashboard panel of surveys: the campaigns waiting for the user's answer."""

from __future__ import annotations

from mentoring.lib.dashboard import Panel
from reports.surveys.models import Campaign, Participation


def panels(request) -> list[Panel]:
    org = request.organization
    if org is None:
        return []
    own = Participation.objects.filter(person__user=request.user, representative__isnull=True)
    # законный представитель (issue 19): the surveys sent to them and those they answer for a child.
    family = Participation.objects.of_representative(request.user)
    surveys = list(
        (own | family)
        .filter(campaign__in=Campaign.objects.filter(organization=org).accepting())
        .select_related("campaign__questionnaire", "person")
        .order_by("answered", "campaign__closes_on", "campaign_id")[:10]
    )
    if not surveys:
        return []
    # Who has answered by a code of the public link is never known: such a survey is not «waiting».
    pending = sum(1 for p in surveys if not p.answered and not p.campaign.by_code)
    return [Panel("surveys/_panel_my_surveys.html", {"surveys": surveys, "pending": pending}, order=12)]
