"""Dashboard panels of the roadmap: progress, overdue and upcoming activities."""

from __future__ import annotations

from django.utils import timezone

from mentoring.lib.dashboard import Panel
from people.models import AcademicYear
from roadmap import progress
from roadmap.models import Activity, Roadmap

PANEL_ROWS = 8


def panels(request) -> list[Panel]:
    org = request.organization
    if org is None or not request.roles:
        return []
    year = AcademicYear.objects.current()
    roadmap = Roadmap.objects.filter(
        organization=org, academic_year=year, status=Roadmap.Status.APPROVED
    ).first()
    if roadmap is None:
        if request.roles & {"admin", "director", "curator"}:
            return [Panel("roadmap/_panel_no_roadmap.html", {}, order=40)]
        return []
    today = timezone.localdate()
    activities = Activity.objects.filter(stage__roadmap=roadmap)
    own_only = not request.roles & {"admin", "director", "curator"}
    if own_only:
        # Mentors and mentees see the deadlines they answer for.
        activities = activities.filter(responsible__user=request.user)
    figures = progress.compute(
        Activity.objects.filter(stage__roadmap=roadmap).only("status", "end", "completed_on", "stage_id"),
        today,
    )
    context = {
        "roadmap": roadmap,
        "own_only": own_only,
        "progress": figures.overall,
        "overdue": list(activities.overdue(today).order_by("end")[:PANEL_ROWS]),
        "upcoming": list(activities.upcoming(today).order_by("end")[:PANEL_ROWS]),
    }
    return [Panel("roadmap/_panel_deadlines.html", context, order=40)]
