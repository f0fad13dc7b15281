"""Per-organization figures of an academic year, kept for the statistics and monitoring pages.

A `YearFigures` row holds what `indicators.compute` returns for one organization and year. Database
triggers (migration 0001) raise its `version` whenever a statement changes a table the figures are
counted from, whoever writes (views, actions, imports, the admin, bulk updates, raw SQL); the row
is fresh while `computed_version` equals `version` and the deadlines were judged on the same day.
`reports.monitoring.figures` reads fresh rows and recomputes the others.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from people.models import AcademicYear, Municipality, Organization
from reports.monitoring import statistics


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


class StatisticalFormQuerySet(models.QuerySet):
    def applicable_to(self, organizations) -> StatisticalFormQuerySet:
        """Forms for everyone and those of the municipality every one of `organizations` belongs to
        (a region's form applies to a scope within that region only)."""
        municipalities = {org.municipality_id for org in organizations}
        own = Q(municipality_id__in=municipalities) if len(municipalities) == 1 else Q(pk__in=[])
        return self.filter(Q(municipality__isnull=True) | own).order_by("-is_default", "name", "pk")


class StatisticalForm(models.Model):
    """A statistical form: which indicators the «Форма статистического наблюдения» shows, in which
    order, under which numbers and labels. The default one is the form the application always had."""

    name = models.CharField("название", max_length=200, unique=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="муниципалитет",
        help_text="Пусто — форма для всех организаций.",
    )
    is_default = models.BooleanField("форма по умолчанию", default=False)

    objects = StatisticalFormQuerySet.as_manager()

    class Meta:
        verbose_name = "форма статистического наблюдения"
        verbose_name_plural = "формы статистического наблюдения"
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="statistical_form_one_default",
                violation_error_message="Форма по умолчанию может быть только одна.",
            ),
            models.CheckConstraint(
                condition=Q(is_default=False) | Q(municipality__isnull=True),
                name="statistical_form_default_for_all",
                violation_error_message="Форма по умолчанию должна быть для всех организаций.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def lines(self) -> list[statistics.FormLine]:
        """The rows in order; an empty label or kind is the indicator's own. A row whose indicator
        the catalogue no longer knows (a form of mentoring deleted since) is left out rather than
        failing every export."""
        from reports.monitoring.catalogue import catalogue

        known = catalogue()
        return [
            statistics.FormLine(
                row.number,
                row.label or known[row.indicator].label,
                row.indicator,
                row.kind or known[row.indicator].kind,
            )
            for row in self.rows.all()
            if row.indicator in known
        ]


class StatisticalFormRow(models.Model):
    form = models.ForeignKey(StatisticalForm, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveSmallIntegerField("порядок")
    number = models.CharField("номер строки", max_length=12, blank=True, help_text="Например, 1.2")
    label = models.CharField(
        "наименование показателя",
        max_length=300,
        blank=True,
        help_text="Пусто — как в справочнике показателей.",
    )
    # A key of `reports.monitoring.catalogue` (checked by `clean`; the editor offers the catalogue):
    # not field choices, as the forms of mentoring it lists are data.
    indicator = models.CharField("показатель", max_length=60)
    kind = models.CharField("вид значения", max_length=8, choices=list(statistics.KINDS.items()), blank=True)

    class Meta:
        verbose_name = "строка формы"
        verbose_name_plural = "строки формы"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "number"],
                condition=~Q(number=""),
                name="statistical_form_row_number_unique",
                violation_error_message="Номер строки в форме уже занят.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.label}".strip()

    def clean(self) -> None:
        from reports.monitoring.catalogue import catalogue

        known = catalogue()
        if self.indicator not in known:
            raise ValidationError({"indicator": f"Неизвестный показатель «{self.indicator}»."})
        if not self.kind:
            self.kind = known[self.indicator].kind
        if not self.label:
            self.label = known[self.indicator].label
