"""Progress of a roadmap: per stage and overall, computed from activities already loaded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from roadmap.models import Activity


@dataclass
class Progress:
    total: int = 0  # activities that count: everything except the cancelled ones
    done: int = 0
    done_on_time: int = 0
    in_progress: int = 0
    overdue: int = 0
    due: int = 0  # window already ended, or done early
    cancelled: int = 0

    @property
    def share(self) -> float:
        """Done among all (0..1): for Excel, with a percent format."""
        return self.done / self.total if self.total else 0.0

    @property
    def on_time_share(self) -> float:
        """Done on time among what was due by today (0..1)."""
        return self.done_on_time / self.due if self.due else 1.0

    @property
    def percent(self) -> int:
        return round(100 * self.share)

    @property
    def on_time_percent(self) -> int:
        """Done on time among what was due by today."""
        return round(100 * self.on_time_share)

    @property
    def all_done(self) -> bool:
        """The KPI «Выполнено 100 % позиций дорожной карты»."""
        return self.total > 0 and self.done == self.total

    def add(self, activity: Activity, today: date) -> None:
        if not activity.counts:
            self.cancelled += 1
            return
        self.total += 1
        if activity.status == Activity.Status.DONE:
            self.done += 1
            self.due += 1
            if activity.done_on_time:
                self.done_on_time += 1
            return
        if activity.status == Activity.Status.IN_PROGRESS:
            self.in_progress += 1
        if activity.due is not None and activity.due < today:
            self.overdue += 1
            self.due += 1


@dataclass
class RoadmapProgress:
    overall: Progress = field(default_factory=Progress)
    stages: dict[int, Progress] = field(default_factory=dict)  # stage id → progress


def of_roadmap(roadmap, today: date | None = None) -> RoadmapProgress:
    """The progress of one roadmap, loading only what the figures need (one query)."""
    return compute(loaded(roadmap), today)


def loaded(roadmap) -> list[Activity]:
    """A roadmap's activities with just the fields the progress and the deadline panel read."""
    return list(
        Activity.objects.filter(stage__roadmap_id=roadmap.pk).only(
            "id", "number", "title", "end", "due", "status", "completed_on", "stage_id", "recurrence"
        )
    )


def compute(activities: Iterable[Activity], today: date | None = None) -> RoadmapProgress:
    today = today or timezone.localdate()
    result = RoadmapProgress()
    for activity in activities:
        result.overall.add(activity, today)
        result.stages.setdefault(activity.stage_id, Progress()).add(activity, today)
    return result
