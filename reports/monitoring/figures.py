"""The per-organization figures of a year, read from `YearFigures` rows and recomputed when stale.

`year_figures(org_ids, year, today)` is what the statistics and monitoring pages read: fresh rows
cost one query whatever the number of organizations; the stale or missing ones are computed in one
batch (`indicators.compute`, grouped over those organizations) and stored. Writes mark rows stale
through database triggers (see `models.YearFigures`), so no write path can forget to.

`refresh_figures(organization, year)` recomputes one row; `refresh_stale()` every stale row of the
kept years. The command `manage.py refresh_figures` runs the latter; the job queue is meant to call
`refresh_stale()` periodically, so that the cross-organization pages rarely compute anything.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from people.models import AcademicYear, Organization
from reports.monitoring import breakdowns, indicators, statistics
from reports.monitoring.models import YearFigures


def _dump(m: indicators.Monitoring) -> dict:
    return asdict(m)


def _load(data: dict) -> indicators.Monitoring:
    values = dict(data)
    figures = statistics.Figures(**values.pop("figures"))
    # JSON keys are strings: a form of mentoring is keyed by its id.
    categories = {key: breakdowns.Line(**line) for key, line in values.pop("category_lines").items()}
    forms = {int(key): breakdowns.Line(**line) for key, line in values.pop("form_lines").items()}
    return indicators.Monitoring(figures=figures, category_lines=categories, form_lines=forms, **values)


def _store(org_ids: list[int], year: AcademicYear, today: date, versions: dict[int, int]) -> dict:
    """Compute the figures of `org_ids` and store them as of the `versions` read before computing:
    a write committed meanwhile has raised `version` past it, and the row stays stale. Rows not
    kept yet are created first (version 1). Two queries besides the computation, however many
    organizations."""
    YearFigures.objects.bulk_create(
        [YearFigures(organization_id=org_id, academic_year=year) for org_id in org_ids],
        ignore_conflicts=True,
    )
    computed = indicators.compute(org_ids, year, today)
    ids = list(computed)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE monitoring_yearfigures AS f SET data = v.data::jsonb, computed_version = v.version,"
            " reference_day = %s, computed_at = %s"
            " FROM unnest(%s::bigint[], %s::bigint[], %s::text[]) AS v(organization_id, version, data)"
            " WHERE f.organization_id = v.organization_id AND f.academic_year_id = %s",
            [
                indicators.reference_day(year, today),
                timezone.now(),
                ids,
                [versions.get(org_id, 1) for org_id in ids],
                [json.dumps(_dump(computed[org_id])) for org_id in ids],
                year.pk,
            ],
        )
    return computed


def year_figures(org_ids, year: AcademicYear, today: date) -> dict[int, indicators.Monitoring]:
    """The monitoring figures per organization id (every requested one has an entry), up to date.

    Inside the caller's transaction: figures stored from its uncommitted writes go with them."""
    org_ids = list(org_ids)
    day = indicators.reference_day(year, today)
    # Plain tuples, not model instances: the page of 500 schools reads 500 rows.
    rows = {
        org_id: (version, computed_version, reference_day, data)
        for org_id, version, computed_version, reference_day, data in YearFigures.objects.filter(
            organization_id__in=org_ids, academic_year=year
        ).values_list("organization_id", "version", "computed_version", "reference_day", "data")
    }
    result = {
        org_id: _load(data)
        for org_id, (version, computed_version, reference_day, data) in rows.items()
        if computed_version == version and reference_day == day
    }
    stale = [org_id for org_id in org_ids if org_id not in result]
    if stale:
        versions = {org_id: rows[org_id][0] for org_id in stale if org_id in rows}
        result.update(_store(stale, year, today, versions))
    return result


def refresh_figures(organization: Organization, year: AcademicYear, today: date | None = None):
    """Recompute and store one organization's figures of `year` (the job's unit of work)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        row = YearFigures.objects.filter(organization=organization, academic_year=year).first()
        versions = {organization.pk: row.version} if row else {}
        return _store([organization.pk], year, today, versions)[organization.pk]


def refresh_stale(today: date | None = None) -> int:
    """Recompute every kept row that is stale (or judged on another day); returns how many."""
    today = today or timezone.localdate()
    refreshed = 0
    for year in AcademicYear.objects.filter(
        pk__in=YearFigures.objects.values("academic_year").distinct()
    ).order_by("start_year"):
        day = indicators.reference_day(year, today)
        rows = YearFigures.objects.filter(academic_year=year).exclude(
            computed_version=F("version"), reference_day=day
        )
        versions = dict(rows.values_list("organization_id", "version"))
        if versions:
            with transaction.atomic():
                _store(list(versions), year, today, versions)
            refreshed += len(versions)
    return refreshed
