"""Per-organization figures of an academic year, kept for the statistics and monitoring pages.

A `YearFigures` row holds what `indicators.compute` returns for one organization and year. Database
triggers (migration 0001) raise its `version` whenever a statement changes a table the figures are
counted from, whoever writes (views, actions, imports, the admin, bulk updates, raw SQL); the row
is fresh while `computed_version` equals `version` and the deadlines were judged on the same day.
`reports.monitoring.figures` reads fresh rows and recomputes the others.
"""

from __future__ import annotations

from django.db import models

from people.models import AcademicYear, Organization


class YearFigures(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField("показатели", default=dict)
    reference_day = models.DateField("сроки оценены на", null=True)
    version = models.BigIntegerField("версия данных", default=1)
    computed_version = models.BigIntegerField("версия расчёта", default=0)
    computed_at = models.DateTimeField("рассчитано", null=True)

    class Meta:
        verbose_name = "показатели организации за учебный год"
        verbose_name_plural = "показатели организаций за учебный год"
        constraints = [
            models.UniqueConstraint(fields=["organization", "academic_year"], name="year_figures_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.academic_year_id}"

    @property
    def stale(self) -> bool:
        return self.computed_version != self.version
