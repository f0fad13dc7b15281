"""«Школы муниципалитета»: one line per organization with its roadmap progress, pairs and
monitoring status, for the municipal coordinator (its municipality) and the admin (any).

The figures of every school come from a fixed number of grouped queries (the monitoring's
indicators and one over the year's roadmaps), so the page costs the same for five schools and
for five hundred.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from mentoring.lib.grammar import plural
from people.models import AcademicYear, Organization
from reports.monitoring import indicators
from roadmap.models import Activity, Roadmap, counted


@dataclass
class RoadmapProgress:
    status: str
    status_label: str
    activities: int
    done: int
    overdue: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.activities) if self.activities else None


@dataclass
class SchoolLine:
    organization: Organization
    roadmap: RoadmapProgress | None
    monitoring: indicators.Monitoring
    problems: list[str] = field(default_factory=list)

    @property
    def pairs_total(self) -> int:
        return self.monitoring.figures.pairs_total

    @property
    def pairs_active(self) -> int:
        return self.monitoring.figures.pairs_active


def roadmap_progress(org_ids, year: AcademicYear, today: date) -> dict[int, RoadmapProgress]:
    """The year's roadmap of each organization (the approved one, else the newest version being
    prepared) with its activities: all but the cancelled, done, and overdue on `today`."""
    open_statuses = [Activity.Status.PLANNED, Activity.Status.IN_PROGRESS]
    roadmaps = (
        Roadmap.objects.filter(organization_id__in=list(org_ids), academic_year=year)
        .exclude(status=Roadmap.Status.ARCHIVED)
        .annotate(
            activity_total=Count("stages__activities", filter=counted("stages__activities__")),
            activity_done=Count(
                "stages__activities", filter=Q(stages__activities__status=Activity.Status.DONE)
            ),
            activity_overdue=Count(
                "stages__activities",
                filter=Q(stages__activities__status__in=open_statuses, stages__activities__due__lt=today),
            ),
        )
        .order_by("organization_id", "-created_at")
        .values("organization_id", "status", "activity_total", "activity_done", "activity_overdue")
    )
    result: dict[int, RoadmapProgress] = {}
    for row in roadmaps:
        known = result.get(row["organization_id"])
        if known is not None and (
            known.status == Roadmap.Status.APPROVED or row["status"] != Roadmap.Status.APPROVED
        ):
            continue
        result[row["organization_id"]] = RoadmapProgress(
            status=row["status"],
            status_label=Roadmap.Status(row["status"]).label,
            activities=row["activity_total"],
            done=row["activity_done"],
            overdue=row["activity_overdue"],
        )
    return result


def problems_of(roadmap: RoadmapProgress | None, monitoring: indicators.Monitoring) -> list[str]:
    """What the coordinator should ask the school about; empty when all is in order."""
    problems = []
    if roadmap is None or roadmap.status != Roadmap.Status.APPROVED:
        problems.append("нет утверждённой дорожной карты")
    if roadmap is not None and roadmap.overdue:
        problems.append(f"просрочено: {plural(roadmap.overdue, 'мероприятие')}")
    if not monitoring.figures.pairs_active:
        problems.append("нет действующих пар")
    return problems


def school_lines(organizations, year: AcademicYear, today: date) -> list[SchoolLine]:
    organizations = list(organizations)
    org_ids = [org.pk for org in organizations]
    day = indicators.reference_day(year, today)
    monitoring = indicators.compute(org_ids, year, today)
    roadmaps = roadmap_progress(org_ids, year, day)
    lines = []
    for org in organizations:
        roadmap = roadmaps.get(org.pk)
        lines.append(SchoolLine(org, roadmap, monitoring[org.pk], problems_of(roadmap, monitoring[org.pk])))
    return lines
