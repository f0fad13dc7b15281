"""Dashboard panels of the roadmap: progress, overdue and upcoming activities."""

from __future__ import annotations

from django.db.models import Q, Value
from django.utils import timezone

from mentoring.lib.dashboard import Awaiting, Panel, awaiting
from people import roles
from people.models import AcademicYear
from people.roles import STAFF_READERS
from roadmap import progress
from roadmap.models import Activity, Roadmap

PANEL_ROWS = 8


def panels(request) -> list[Panel]:
    org = request.organization
    if org is None or not request.roles:
        return []
    today = timezone.localdate()
    in_force = Q(academic_year__start_year=AcademicYear.start_year_of(today), status=Roadmap.Status.APPROVED)
    director = roles.DIRECTOR in request.roles
    # One query for both panels: the roadmap in force and, for the director, those awaiting approval.
    wanted = in_force | Q(status=Roadmap.Status.REVIEW) if director else in_force
    found = list(
        Roadmap.objects.filter(wanted, organization=org)
        .select_related("academic_year")
        .order_by("academic_year__start_year", "id")
    )
    waiting = [r for r in found if r.status == Roadmap.Status.REVIEW]
    roadmap = next((r for r in found if r.status == Roadmap.Status.APPROVED), None)
    result = []
    if waiting:
        # «Ждут вашего решения»: roadmaps sent for the director's approval.
        result.append(awaiting([Awaiting(str(r), r.get_absolute_url(), "на утверждении") for r in waiting]))
    return result + _progress(request, roadmap, today)


def _progress(request, roadmap: Roadmap | None, today) -> list[Panel]:
    if roadmap is None:
        if request.roles & STAFF_READERS:
            return [Panel("roadmap/_panel_no_roadmap.html", {}, order=40)]
        return []
    activities = Activity.objects.filter(stage__roadmap=roadmap)
    own_only = not request.roles & STAFF_READERS
    if own_only:
        # Mentors and mentees see the deadlines they answer for.
        activities = activities.filter(responsible__user=request.user)
    figures = progress.compute(
        Activity.objects.filter(stage__roadmap=roadmap).only("status", "end", "completed_on", "stage_id"),
        today,
    )
    # Both short lists in one query: each part keeps its own order and limit.
    fields = ("id", "number", "title", "end")
    overdue = activities.overdue(today).order_by("end").only(*fields).annotate(panel=Value("overdue"))
    upcoming = activities.upcoming(today).order_by("end").only(*fields).annotate(panel=Value("upcoming"))
    rows = sorted(overdue[:PANEL_ROWS].union(upcoming[:PANEL_ROWS], all=True), key=lambda a: a.end)
    context = {
        "roadmap": roadmap,
        "own_only": own_only,
        "progress": figures.overall,
        "overdue": [a for a in rows if a.panel == "overdue"],
        "upcoming": [a for a in rows if a.panel == "upcoming"],
    }
    return [Panel("roadmap/_panel_deadlines.html", context, order=40)]
