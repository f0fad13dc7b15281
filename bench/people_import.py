"""The people import at its limit (issue 18): a 10,000-row staff list as a school keeps it (ФИО in
one column, «Стаж» in words, dates as text, phones as typed) is checked and written.

`check_s` is reading the workbook and checking every row against the registry, as the preview
does; `write_s` is the write the curator confirms (from the rows kept since the preview, matched
against the registry again), in a transaction that is rolled back so that the benchmark database stays as seeded. Both must stay
under 5 s. Run alone against the development database:

    .venv/bin/python manage.py shell -c "from bench.people_import import main; main()"
"""

from __future__ import annotations

import io
import time

ROWS = 10_000
HEADER = ["№", "Ф.И.О.", "Дата рождения", "Должность", "Стаж", "E-mail", "Телефон"]


def school_file(rows: int = ROWS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append(
            [
                n + 1,
                f"Замерова{n:05d} Мария Петровна",
                f"{1 + n % 28:02d}.{1 + n % 12:02d}.19{60 + n % 40}",
                "учитель",
                f"{n % 40} лет",
                f"teacher{n}@school.example",
                f"8 (9{n % 100:02d}) {n % 1000:03d}-{n % 100:02d}-{(n * 7) % 100:02d}",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure(organization, rows: int = ROWS) -> dict:
    from django.db import transaction

    from people import actions, importer

    content = school_file(rows)
    started = time.perf_counter()
    table = importer.read_table(content)
    preview = importer.parse(table, "staff", organization)
    check_s = time.perf_counter() - started
    assert preview.is_valid, preview.error_rows[:3]
    checked = importer.dump_rows(preview)
    with transaction.atomic():
        started = time.perf_counter()
        result = actions.people_import(importer.load_rows(checked, organization), organization, actor=None)
        write_s = time.perf_counter() - started
        transaction.set_rollback(True)
    return {
        "rows": rows,
        "file_kb": len(content) // 1024,
        "check_s": round(check_s, 2),
        "write_s": round(write_s, 2),
        "created": len(result.created),
    }


def main() -> None:
    from people.models import Organization

    print(measure(Organization.objects.order_by("pk").first()))
