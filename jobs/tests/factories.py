from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from jobs.models import Job
from people.models import AcademicYear


def finished_job(owner, organization, *, content: bytes = b"PK\x03\x04 test", **fields) -> Job:
    """A done statistics export of `organization` owned by `owner`, with its file stored."""
    now = timezone.now()
    year = AcademicYear.objects.current()
    values = {
        "kind": "statistics_export",
        "title": "Форма статистического наблюдения",
        "parameters": {"export": "form", "year": year.start_year, "organizations": [organization.pk]},
        "status": Job.Status.DONE,
        "progress": 100,
        "filename": "Форма.xlsx",
        "finished_at": now,
        "expires_at": Job.expiry_for(now),
        **fields,
    }
    job = Job.objects.create(owner=owner, organization=organization, **values)
    job.result.save("Форма.xlsx", ContentFile(content), save=True)
    return job


def world_job(world) -> Job:
    """The curator's finished export in the world's school (one per world)."""
    curator = world.users["curator"]
    return Job.objects.filter(owner=curator).first() or finished_job(curator, world.org)
