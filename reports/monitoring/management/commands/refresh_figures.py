"""`manage.py refresh_figures [--all]`: recompute the kept yearly figures that writes made stale."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db.models import F
from django.utils import timezone

from people.models import AcademicYear, Organization
from reports.monitoring.figures import refresh_stale, year_figures
from reports.monitoring.models import YearFigures


class Command(BaseCommand):
    help = "Пересчитывает устаревшие показатели организаций за учебный год (статистика и мониторинг)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="рассчитать текущий учебный год всех организаций заново"
        )

    def handle(self, *args, **options):
        if options["all"]:
            ids = list(Organization.objects.values_list("pk", flat=True))
            YearFigures.objects.filter(academic_year=AcademicYear.objects.current()).update(
                version=F("version") + 1
            )
            year_figures(ids, AcademicYear.objects.current(), timezone.localdate())
            self.stdout.write(f"Рассчитано организаций: {len(ids)}")
            return
        self.stdout.write(f"Пересчитано строк: {refresh_stale()}")
