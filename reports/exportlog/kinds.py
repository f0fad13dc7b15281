"""Which finished jobs are exports worth a record, and what each one is: the key its evidence is
matched by (`reports.evidence.matching.RULES`, keys «export:…»), its academic year, and whether it
covers its own organization alone (only such an export is offered to that school's roadmap)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from people.models import AcademicYear


@dataclass(frozen=True)
class Described:
    key: str
    year_id: int | None
    single: bool


def _scope(job, key: str) -> Described:
    p = job.parameters
    year = AcademicYear.objects.filter(start_year=p.get("year")).values_list("pk", flat=True).first()
    return Described(key, year, list(p.get("organizations", ())) == [job.organization_id])


def _statistics(job) -> Described:
    return _scope(job, f"export:statistics_export:{job.parameters.get('export', '')}")


def _note(job) -> Described:
    return _scope(job, "export:analytical_note")


def _campaign(job) -> Described:
    from reports.surveys.models import Campaign

    year = Campaign.objects.filter(pk=job.parameters.get("campaign")).values_list("academic_year", flat=True)
    return Described("export:campaign_export", year.first(), True)


def _bank(job) -> Described:
    day = timezone.localtime(job.finished_at).date()
    year = AcademicYear.objects.filter(start_year=AcademicYear.start_year_of(day)).values_list(
        "pk", flat=True
    )
    return Described(f"export:bank_export:{job.parameters.get('bank', '')}", year.first(), True)


def _roadmap(job) -> Described:
    from roadmap.models import Roadmap

    year = Roadmap.objects.filter(pk=job.parameters.get("roadmap")).values_list("academic_year", flat=True)
    return Described("export:roadmap_document", year.first(), True)


# Job kinds that make an export. A draft order's PDF is not one: the signed order is its own evidence.
KINDS = {
    "statistics_export": _statistics,
    "analytical_note": _note,
    "campaign_export": _campaign,
    "bank_export": _bank,
    "roadmap_document": _roadmap,
}


def describe(job) -> Described | None:
    describe_kind = KINDS.get(job.kind)
    return describe_kind(job) if describe_kind else None
