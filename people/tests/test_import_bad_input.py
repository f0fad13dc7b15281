"""Bad files for the people import: each gets a clear Russian message and writes nothing; a valid
10,000-row file writes everything; formula cells never run."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook

from jobs.models import Job
from jobs.testing import run_queued_jobs
from people.importer import MAX_ROWS, STAFF_COLUMNS
from people.models import Person
from people.tests.test_import import _count, _upload, xlsx
from roadmap.tests.docx_builder import build_docx

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def staff_row(n: int) -> list:
    # Distinct people: the name and the birth date vary with n.
    return [
        f"Фамилия{n:05d}",
        "Мария",
        "Петровна",
        "ж",
        f"{1 + n % 28:02d}.{1 + n % 12:02d}.1985",
        "учитель",
        "",
        5,
    ]


@pytest.fixture
def curator(world, login):
    return login(world.users["curator"])


@pytest.mark.parametrize(
    "content,name,message",
    [
        (
            build_docx([["Этап", "Мероприятие", "Сроки"], ["1", "Приказ", "сентябрь"]]),
            "docx.xlsx",
            "повреждён",
        ),
        (PNG, "photo.xlsx", "не файл Excel"),
        (b"\x00" * 100, "zeros.xlsx", "не файл Excel"),
        # Read as a CSV whatever the name says: it has a header and nothing else.
        ("Фамилия;Имя\n".encode("cp1251"), "list.xlsx", "строк с данными нет"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "old.xls",
            "сохраните как «Книга Excel (.xlsx)»",
        ),
    ],
    ids=["docx-renamed", "png-renamed", "zeros", "plain-text", "old-xls"],
)
def test_files_that_are_not_workbooks_are_refused(world, curator, content, name, message):
    before = _count(world)
    response = _upload(curator, content, name=name)
    assert response.status_code == 200
    assert message in response.context["error"]
    assert _count(world) == before


def test_a_zip_that_is_not_a_workbook_is_refused(world, curator):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    response = _upload(curator, buffer.getvalue())
    assert "повреждён" in response.context["error"]


def test_formula_cells_are_never_run(world, curator):
    """A formula cell has no value to import (the file was never calculated): the row is refused;
    the same text typed as text is kept as text and neutralised when exported."""
    wb = Workbook()
    ws = wb.active
    ws.append(STAFF_COLUMNS)
    ws.append(['=HYPERLINK("http://evil.example","Иванова")', "Мария", "Петровна", "ж", "01.01.1980"])
    buffer = io.BytesIO()
    wb.save(buffer)
    before = _count(world)
    response = _upload(curator, buffer.getvalue())
    assert not response.context["preview"].is_valid
    assert "Не указана фамилия." in response.context["preview"].rows[0].errors
    assert _count(world) == before

    ws["A2"].value = '=HYPERLINK("http://evil.example","y")'
    ws["A2"].data_type = "s"  # the same characters as a text cell, as Excel stores '=…
    buffer = io.BytesIO()
    wb.save(buffer)
    as_text = buffer.getvalue()
    response = _upload(curator, as_text)
    assert response.context["preview"].is_valid
    curator.post(reverse("people:import_confirm"), {"token": response.context["token"]})
    person = Person.objects.get(organization=world.org, last_name__contains="HYPERLINK")
    assert person.last_name == '=HYPERLINK("http://evil.example","y")'  # plain text, shown escaped


def test_more_rows_than_the_limit_are_refused(world, curator):
    content = xlsx(STAFF_COLUMNS, [staff_row(n) for n in range(MAX_ROWS + 1)])
    before = _count(world)
    response = _upload(curator, content)
    assert f"Больше {MAX_ROWS} строк" in response.context["error"]
    assert _count(world) == before


def test_ten_thousand_valid_rows_are_all_written(world, curator, capsys):
    content = xlsx(STAFF_COLUMNS, [staff_row(n) for n in range(10_000)])
    before = _count(world)
    started = time.perf_counter()
    response = _upload(curator, content)
    preview_seconds = time.perf_counter() - started
    assert response.context["preview"].is_valid, response.context["preview"].rows[:3]
    started = time.perf_counter()
    curator.post(reverse("people:import_confirm"), {"token": response.context["token"]})
    confirm_seconds = time.perf_counter() - started
    assert _count(world) == before  # more than IMPORT_JOB_THRESHOLD rows: written by a job
    started = time.perf_counter()
    [job] = run_queued_jobs()
    write_seconds = time.perf_counter() - started
    assert job.status == Job.Status.DONE, job.error
    assert _count(world) == before + 10_000
    with capsys.disabled():
        print(
            f"\n10,000-row import: preview {preview_seconds:.1f} s, confirm {confirm_seconds:.2f} s, "
            f"write (job) {write_seconds:.1f} s"
        )


def test_ten_thousand_rows_with_one_bad_row_near_the_end_write_nothing(world, curator):
    rows = [staff_row(n) for n in range(10_000)]
    rows[9_990][4] = "31.02.1985"  # no such day
    before = _count(world)
    response = _upload(curator, xlsx(STAFF_COLUMNS, rows))
    preview = response.context["preview"]
    assert not preview.is_valid and preview.errors == 1
    page = response.content.decode()
    assert "9992" in page  # the row number as Excel shows it
    assert "Подтвердить загрузку" not in page and "Загрузить 9999 верных строк" in page
    assert _count(world) == before
