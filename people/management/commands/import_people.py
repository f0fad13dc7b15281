"""`manage.py import_people FILE --organization SLUG [--kind staff|student] [--dry-run]
[--format json] [--valid-only] [--create-accounts [--slips-pdf FILE]] [--actor USERNAME]`.

Columns are recognised as on the site (the organization's remembered mapping included); a column
nobody recognises is not loaded and shows as `null` in the mapping.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mentoring.lib.actions import ActionRefused, add_actor_argument, command_actor
from people import actions, importer
from people.models import Organization, Person


class Command(BaseCommand):
    help = "Импорт сотрудников или обучающихся из .xlsx или CSV: всё или ничего (или только верные строки)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organization", required=True, help="код (slug) организации")
        parser.add_argument("--kind", choices=[Person.Kind.STAFF, Person.Kind.STUDENT], default=None)
        parser.add_argument("--dry-run", action="store_true", help="только проверить, ничего не записывать")
        parser.add_argument("--format", choices=["text", "json"], default="text", dest="output")
        parser.add_argument(
            "--valid-only", action="store_true", help="записать верные строки, пропустив строки с ошибками"
        )
        parser.add_argument(
            "--create-accounts",
            action="store_true",
            help="в том же шаге создать учётные записи участникам банков из файла и законным "
            "представителям наставляемых-обучающихся (всё или ничего)",
        )
        parser.add_argument("--slips-pdf", metavar="FILE", help="куда сохранить листки доступа (PDF)")
        add_actor_argument(parser)

    def handle(
        self,
        *args,
        file,
        organization,
        kind,
        dry_run,
        output,
        valid_only,
        actor,
        create_accounts,
        slips_pdf,
        **options,
    ):
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
        writes = not dry_run and (preview.is_valid or (valid_only and preview.valid_rows))
        handed = None
        if writes:
            try:
                result = actions.people_import(
                    preview,
                    org,
                    actor=user,
                    valid_only=valid_only,
                    create_accounts=create_accounts,
                    site_url=settings.SITE_URL,
                )
            except ActionRefused as exc:
                raise CommandError(exc.message) from exc
            handed = result.accounts
            if handed is not None and handed.slips and slips_pdf:
                from accounts.documents import slips_pdf as render_slips

                Path(slips_pdf).write_bytes(
                    render_slips(handed.slips, site_url=settings.SITE_URL, organization=org)
                )
        if output == "json":
            summary = self._summary(preview)
            if handed is not None:
                summary["accounts"] = handed.summary()
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            for row in preview.rows:
                for error in row.errors:
                    self.stderr.write(f"строка {row.number}: {error}")
        new, changed, unchanged = (
            len(preview.new_rows),
            len(preview.changed_rows),
            len(preview.unchanged_rows),
        )
        if preview.errors and not writes and not dry_run:
            raise CommandError(f"Ошибок в строках: {preview.errors}. Ничего не записано.")
        if output == "json":
            return
        if dry_run:
            self.stdout.write(
                f"Проверка: новых {new}, изменится {changed}, уже есть без изменений {unchanged}, "
                f"с ошибками {preview.errors}. Ничего не записано (--dry-run)."
            )
            return
        skipped = f", пропущено строк с ошибками {preview.errors}" if preview.errors else ""
        self.stdout.write(
            self.style.SUCCESS(f"Добавлено {new}, обновлено {changed}, уже были {unchanged}{skipped}.")
        )
        if handed is not None:
            done = handed.summary()
            self.stdout.write(
                f"Учётных записей создано: {done['accounts_created']}, писем: {done['emailed']}, "
                f"листков доступа: {done['slips']}, пропущено: {len(done['skipped'])}."
            )
            for item in done["skipped"]:
                self.stdout.write(f"  без учётной записи: {item['person']} — {item['reason']}")

    def _parse(self, content: bytes, kind: str | None, org: Organization) -> importer.Preview:
        if not kind:
            # Without --kind the columns decide: a class or a representative means students.
            header = importer.read_table(content).header
            kind = importer.guess_kind(importer.guess_mapping(header, Person.Kind.STUDENT, org))
        return importer.parse(content, kind, org)

    @staticmethod
    def _summary(preview: importer.Preview) -> dict:
        return {
            "rows": len(preview.rows),
            "valid": len(preview.valid_rows),
            "new": len(preview.new_rows),
            "updated": len(preview.changed_rows),
            "mapping": {h: f for h, f in preview.mapping.items() if h},
            "errors": [
                {"row": row.number, "column": error.column, "value": error.value, "message": str(error)}
                for row in preview.rows
                for error in row.errors
            ],
        }
