"""Dashboard panels of the roadmap: progress, overdue and upcoming activities."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from types import SimpleNamespace

from django.db.models import Q, Value
from django.utils import timezone

from mentoring.lib.dashboard import Awaiting, Panel, awaiting, kept
from people import roles
from people.models import AcademicYear
from people.roles import STAFF_READERS
from roadmap import progress
from roadmap.models import UPCOMING_DAYS, Activity, EvidenceSuggestion, Roadmap

PANEL_ROWS = 8


def panels(request) -> list[Panel]:
    org = request.organization
    # The roadmap is the members' (a parent does not read it: issue 19).
    if org is None or not request.roles & roles.MEMBERS:
        return []
    today = timezone.localdate()
    in_force = Q(academic_year__start_year=AcademicYear.start_year_of(today), status=Roadmap.Status.APPROVED)
    director = roles.DIRECTOR in request.roles
    # One query for both panels: the roadmap in force and, for the director, those awaiting approval.
    wanted = in_force | Q(status=Roadmap.Status.REVIEW) if director else in_force
    # Kept with the organization's figures (judged on the day): no query while nothing changed.
    found = [
        _roadmap(row)
        for row in kept(
            request, "roadmap.found.director" if director else "roadmap.found", lambda: _found(wanted, org)
        )
    ]
    waiting = [r for r in found if r.status == Roadmap.Status.REVIEW]
    roadmap = next((r for r in found if r.status == Roadmap.Status.APPROVED), None)
    result = []
    if waiting:
        # «Ждут вашего решения»: roadmaps sent for the director's approval.
        result.append(awaiting([Awaiting(r.name, r.get_absolute_url, "на утверждении") for r in waiting]))
    return result + _progress(request, roadmap, today)


def _progress(request, roadmap: SimpleNamespace | None, today) -> list[Panel]:
    if roadmap is None:
        if request.roles & STAFF_READERS:
            return [Panel("roadmap/_panel_no_roadmap.html", {}, order=40)]
        return []
    activities = Activity.objects.filter(stage__roadmap_id=roadmap.pk)
    own_only = not request.roles & STAFF_READERS
    if own_only:
        # Mentors and mentees see the deadlines they answer for.
        activities = activities.filter(responsible__user=request.user)
    fields = ("id", "number", "title", "end", "due")
    if own_only:
        overall = progress.Progress(
            **kept(request, f"roadmap.progress.{roadmap.pk}", lambda: _overall(roadmap, today))
        )
        # Both short lists in one query: each part keeps its own order and limit.
        overdue = activities.overdue(today).order_by("due").only(*fields).annotate(panel=Value("overdue"))
        upcoming = activities.upcoming(today).order_by("due").only(*fields).annotate(panel=Value("upcoming"))
        rows = sorted(overdue[:PANEL_ROWS].union(upcoming[:PANEL_ROWS], all=True), key=lambda a: a.due)
    else:
        # The staff see the whole roadmap's progress and deadlines: kept with the organization's
        # figures (judged on the day), else computed from the activities loaded once.
        figures = kept(request, f"roadmap.panel.{roadmap.pk}", lambda: _staff_panel(roadmap, today))
        overall = progress.Progress(**figures["progress"])
        rows = [SimpleNamespace(**{**row, "due": _day(row["due"])}) for row in figures["rows"]]
    suggestions = []
    if roles.CURATOR in request.roles:
        suggestions = [
            SimpleNamespace(**{**row, "activity": SimpleNamespace(**row["activity"])})
            for row in kept(request, f"roadmap.suggestions.{roadmap.pk}", lambda: _suggestions(roadmap))
        ]
    context = {
        "suggestions": suggestions,
        "roadmap": roadmap,
        "own_only": own_only,
        "progress": overall,
        "overdue": [a for a in rows if a.panel == "overdue"],
        "upcoming": [a for a in rows if a.panel == "upcoming"],
    }
    return [Panel("roadmap/_panel_deadlines.html", context, order=40)]


def _deadline_rows(activities: list[Activity], today) -> list[Activity]:
    """The overdue and upcoming activities, as `Activity.objects.overdue()` and `upcoming()` select them."""
    overdue = sorted((a for a in activities if a.is_overdue(today)), key=lambda a: a.due)[:PANEL_ROWS]
    upcoming = sorted(
        (
            a
            for a in activities
            if a.status in (Activity.Status.PLANNED, Activity.Status.IN_PROGRESS)
            and a.due is not None
            and today <= a.due <= today + timedelta(days=UPCOMING_DAYS)
            and a.recurrence != Activity.Recurrence.CONTINUOUS
        ),
        key=lambda a: a.due,
    )[:PANEL_ROWS]
    for a in overdue:
        a.panel = "overdue"
    for a in upcoming:
        a.panel = "upcoming"
    return sorted(overdue + upcoming, key=lambda a: a.due)


def _found(wanted: Q, org) -> list[dict]:
    """The roadmaps the panels show (in force; awaiting approval for the director), as kept rows."""
    return [
        {
            "pk": r.pk,
            "status": r.status,
            "name": str(r),
            "year_label": r.academic_year.label,
            "url": r.get_absolute_url(),
        }
        for r in Roadmap.objects.filter(wanted, organization=org)
        .select_related("academic_year")
        .order_by("academic_year__start_year", "id")
    ]


def _roadmap(row: dict) -> SimpleNamespace:
    """A kept roadmap row with the attributes the panels and their templates read."""
    return SimpleNamespace(
        pk=row["pk"],
        status=row["status"],
        name=row["name"],
        academic_year=SimpleNamespace(label=row["year_label"]),
        get_absolute_url=row["url"],
    )


def _suggestions(roadmap) -> list[dict]:
    """The curator's pending offers of evidence (roadmap/_evidence_suggestions.html), as kept rows."""
    return [
        {
            "uuid": s.uuid,
            "url": s.url,
            "label": s.label,
            "activity": {"number": s.activity.number, "title": s.activity.title},
        }
        for s in EvidenceSuggestion.objects.pending()
        .filter(activity__stage__roadmap_id=roadmap.pk)
        .select_related("activity")
        .only("uuid", "url", "label", "activity__number", "activity__title")
        .order_by("activity__stage__number", "activity__position", "happened_on")[:PANEL_ROWS]
    ]


def _everything(roadmap: Roadmap) -> list[Activity]:
    return progress.loaded(roadmap)


def _overall(roadmap: Roadmap, today) -> dict:
    """The roadmap's overall progress as kept figures (mentoring.lib.dashboard.kept)."""
    return asdict(progress.compute(_everything(roadmap), today).overall)


def _staff_panel(roadmap: Roadmap, today) -> dict:
    """The staff's panel as kept figures: the overall progress and the deadline rows (JSON)."""
    everything = _everything(roadmap)
    rows = [
        {"number": a.number, "title": a.title, "due": a.due, "panel": a.panel}
        for a in _deadline_rows(everything, today)
    ]
    return {"progress": asdict(progress.compute(everything, today).overall), "rows": rows}


def _day(value: date | str | None) -> date | None:
    """A date of the kept figures: read back from the kept row as ISO text."""
    return date.fromisoformat(value) if isinstance(value, str) else value
