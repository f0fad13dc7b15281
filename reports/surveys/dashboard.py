"""Dashboard panel of surveys: the campaigns waiting for the user's answer."""

from __future__ import annotations

from mentoring.lib.dashboard import Panel, kept
from people.roles import FAMILY
from reports.surveys.models import Campaign, Participation


def panels(request) -> list[Panel]:
    org = request.organization
    if org is None:
        return []
    # The campaigns accepting answers are kept with the organization's figures (judged on the day):
    # while there are none, as most of the year, the user's participations are not read at all.
    accepting = kept(
        request,
        "surveys.accepting",
        lambda: list(Campaign.objects.filter(organization=org).accepting().values_list("id", flat=True)),
    )
    if not accepting:
        return []
    addressed = Participation.objects.filter(person__user=request.user, representative__isnull=True)
    if request.roles & FAMILY:
        # законный представитель (issue 19): the surveys sent to them and those they answer for a child.
        addressed = addressed | Participation.objects.of_representative(request.user)
    surveys = list(
        addressed.filter(campaign_id__in=accepting)
        .select_related("campaign", "person")
        # What the panel shows: a narrow row is cheaper to build and to read than four tables' columns.
        .only(
            "answered",
            "representative_id",
            "campaign__uuid",
            "campaign__title",
            "campaign__opens_on",
            "campaign__closes_on",
            "campaign__public_token",
            "person__user_id",
            "person__last_name",
            "person__first_name",
            "person__middle_name",
        )
        .order_by("answered", "campaign__closes_on", "campaign_id")[:10]
    )
    if not surveys:
        return []
    # Who has answered by a code of the public link is never known: such a survey is not «waiting».
    pending = sum(1 for p in surveys if not p.answered and not p.campaign.by_code)
    return [Panel("surveys/_panel_my_surveys.html", {"surveys": surveys, "pending": pending}, order=12)]
