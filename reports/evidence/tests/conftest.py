from __future__ import annotations

import pytest

from people.models import AcademicYear
from roadmap import actions as roadmap_actions
from roadmap.models import Activity, Roadmap


@pytest.fixture
def year(db):
    from django.utils import timezone

    return AcademicYear.objects.get_or_create(start_year=AcademicYear.start_year_of(timezone.localdate()))[0]


@pytest.fixture
def roadmap(world, year):
    """The standard roadmap of the world's school, in force for the current academic year."""
    roadmap = roadmap_actions.roadmap_create_from_template(world.org, year, actor=None)
    Roadmap.objects.filter(pk=roadmap.pk).update(
        status=Roadmap.Status.APPROVED, approved_on=year.starts_on, order_number="1"
    )
    roadmap.refresh_from_db()
    return roadmap


def activity(roadmap: Roadmap, title_start: str) -> Activity:
    return Activity.objects.get(stage__roadmap=roadmap, title__startswith=title_start)
