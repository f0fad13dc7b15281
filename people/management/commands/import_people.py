"""`manage.py import_people FILE.xlsx --organization SLUG [--kind staff|student] [--actor USERNAME]
[--dry-run]`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentoring.lib.actions import add_actor_argument, command_actor
from people import actions, importer
from people.models import Organization, Person


class Command(BaseCommand):
    help = "Импорт сотрудников или обучающихся из .xlsx: всё или ничего."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organization", required=True, help="код (slug) организации")
        parser.add_argument("--kind", choices=[Person.Kind.STAFF, Person.Kind.STUDENT], default=None)
        parser.add_argument("--dry-run", action="store_true", help="только проверить, ничего не записывать")
        add_actor_argument(parser)

    def handle(self, *args, file, organization, kind, dry_run, actor, **options):
        org = Organization.objects.filter(slug=organization).first()
        if org is None:
            raise CommandError(f"Организация «{organization}» не найдена.")
        user = command_actor(actor)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Файл {file} не найден.")
        if path.stat().st_size > importer.MAX_IMPORT_BYTES:
            raise CommandError("Файл больше 5 МБ. Разделите список на несколько файлов.")
        content = path.read_bytes()
        try:
            preview = self._parse(content, kind, org)
        except importer.ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for row in preview.rows:
            for error in row.errors:
                self.stderr.write(f"строка {row.number}: {error}")
        if not preview.is_valid:
            raise CommandError(f"Ошибок в строках: {preview.errors}. Ничего не записано.")
        new, existing = len(preview.new_rows), len(preview.existing_rows)
        if dry_run:
            self.stdout.write(
                f"Проверка пройдена: новых {new}, уже есть {existing}. Ничего не записано (--dry-run)."
            )
            return
        actions.people_import(preview, org, actor=user)
        self.stdout.write(self.style.SUCCESS(f"Добавлено {new}, уже были {existing}."))

    def _parse(self, content: bytes, kind: str | None, org: Organization):
        if kind:
            return importer.parse(content, kind, org)
        # Without --kind the header decides: the student template has a «Класс» column.
        header = [importer._text(v) for v in importer.read_rows(content)[0]]
        guessed = Person.Kind.STUDENT if "Класс" in header else Person.Kind.STAFF
        return importer.parse(content, guessed, org)
