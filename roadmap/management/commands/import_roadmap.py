"""`manage.py import_roadmap FILE.docx --organization SLUG --year 2024/2025 [--actor USERNAME] [--dry-run]
[--format json]`"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentoring.lib.actions import ActionRefused, add_actor_argument, command_actor
from people.models import AcademicYear, Organization
from roadmap.actions import roadmap_import
from roadmap.importer import ImportFailed, read_docx


class Command(BaseCommand):
    help = "Импорт дорожной карты из файла Word (.docx) как черновика."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organization", required=True, help="код организации (slug)")
        parser.add_argument("--year", required=True, help="учебный год, например 2024/2025")
        parser.add_argument("--dry-run", action="store_true", help="только прочитать, ничего не сохранять")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        path = Path(options["file"])
        organization = Organization.objects.filter(slug=options["organization"]).first()
        if organization is None:
            raise CommandError(f"Организация с кодом «{options['organization']}» не найдена.")
        actor = command_actor(options["actor"])
        try:
            year_start = AcademicYear.parse_label(options["year"])
        except ValueError as exc:
            raise CommandError(
                f"Учебный год «{options['year']}» не распознан: пишите, например, 2024/2025."
            ) from exc
        if not path.is_file():
            raise CommandError(f"Файл {path} не найден.")
        if path.suffix.lower() != ".docx":
            raise CommandError("Нужен файл Word в формате .docx.")
        try:
            with path.open("rb") as handle:
                data = read_docx(handle, year_start)
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        saved = None
        if not options["dry_run"]:
            year, _ = AcademicYear.objects.get_or_create(start_year=year_start)
            try:
                result = roadmap_import(organization, year, data, actor=actor)
            except ActionRefused as exc:
                raise CommandError(str(exc)) from exc
            saved = result.roadmap
            data["warnings"] += [
                f"«{n}» не найден среди сотрудников — сохранён как текст." for n in result.unmatched
            ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        count = sum(len(s["activities"]) for s in data["stages"])
        self.stdout.write(f"{data['title']}\nЭтапов: {len(data['stages'])}, мероприятий: {count}.")
        for warning in data["warnings"]:
            self.stdout.write(self.style.WARNING(f"Внимание: {warning}"))
        if saved:
            self.stdout.write(self.style.SUCCESS(f"Сохранено как черновик, версия {saved.version}."))
        else:
            self.stdout.write("Пробный запуск: ничего не сохранено.")
