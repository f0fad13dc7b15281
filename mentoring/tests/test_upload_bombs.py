"""Zip bombs through the real upload views: refused with a Russian message before anything is
inflated, the worker's memory grows by less than 50 MB, and nothing is saved."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring.lib.uploads import (
    PARSED_ARCHIVE_LIMITS,
    ArchiveLimits,
    UploadRefused,
    check_archive,
    check_sheet_rows,
)
from mentoring.tests import bombs
from people.models import Person
from reports.publication.models import Material
from roadmap.models import Roadmap

LIMIT = 50 * bombs.MB


def _zip(entries: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_an_ordinary_archive_passes_and_is_left_at_its_start():
    file = _zip({"word/document.xml": b"<w/>" * 1000, "media/a.png": bytes(range(256)) * 100})
    check_archive(file)
    assert file.tell() == 0


def test_a_file_that_is_not_an_archive_passes():
    check_archive(io.BytesIO(b"%PDF-1.4"))


@pytest.mark.parametrize(
    "limits,entries,message",
    [
        (ArchiveLimits(entries=3), {f"{i}.xml": b"x" for i in range(4)}, "слишком много частей"),
        (
            ArchiveLimits(entry_bytes=1000, ratio_from=10**9),
            {"a.xml": bytes(range(256)) * 8},
            "одна его часть",
        ),
        (
            ArchiveLimits(total_bytes=3000, ratio_from=10**9),
            {f"{i}": bytes(range(256)) * 4 for i in range(3)},
            "можно до",
        ),
        (ArchiveLimits(ratio=10, ratio_from=1000), {"a.xml": b"A" * 100_000}, "сжатие не более"),
    ],
    ids=["entries", "entry-size", "total-size", "ratio"],
)
def test_each_limit_refuses(limits, entries, message):
    with pytest.raises(UploadRefused, match=message):
        check_archive(_zip(entries), limits)


def test_a_truncated_archive_is_refused_as_damaged():
    content = _zip({"word/document.xml": bytes(range(256)) * 100}).getvalue()
    with pytest.raises(UploadRefused, match="повреждён"):
        check_archive(io.BytesIO(bombs.truncated(content)))


@pytest.mark.django_db
def test_library_odt_bomb_is_refused_within_memory(world, login):
    client = login(world.users["mentor"])
    content = bombs.odt_bomb()
    with bombs.memory_growth() as memory:
        response = client.post(
            reverse("library:create"),
            {"title": "Памятка", "category": "training", "file": SimpleUploadedFile("памятка.odt", content)},
        )
    assert memory["peak"] < LIMIT
    assert response.status_code == 200
    assert "после распаковки слишком велик" in str(response.context["form"].errors["file"])
    assert not Material.objects.exists()


@pytest.mark.django_db
def test_roadmap_docx_bomb_is_refused_within_memory(world, login):
    client = login(world.users["curator"])
    content = bombs.docx_bomb()
    with bombs.memory_growth() as memory:
        response = client.post(
            reverse("roadmap:roadmap_import"),
            {"file": SimpleUploadedFile("дорожная карта.docx", content), "year": "2024"},
        )
    assert memory["peak"] < LIMIT
    assert response.status_code == 200
    assert "после распаковки слишком велик" in str(response.context["form"].errors["file"])
    assert not Roadmap.objects.exists()
    assert "roadmap_import" not in client.session


@pytest.mark.django_db
def test_people_xlsx_with_one_huge_row_is_refused_within_memory(world, login):
    client = login(world.users["curator"])
    content = bombs.xlsx_bomb()
    before = Person.objects.count()
    with bombs.memory_growth() as memory:
        response = client.post(
            reverse("people:import_upload"),
            {"kind": "staff", "file": SimpleUploadedFile("люди.xlsx", content)},
        )
    assert memory["peak"] < LIMIT
    assert response.status_code == 200
    assert "после распаковки слишком велик" in response.context["error"]
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_evidence_bomb_is_refused(world, login):
    from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory

    activity = ActivityFactory(stage=StageFactory(roadmap=ApprovedRoadmapFactory(organization=world.org)))
    activity.refresh_from_db()
    client = login(world.users["curator"])
    content = bombs.odt_bomb()
    with bombs.memory_growth() as memory:
        response = client.post(
            reverse("roadmap:activity_status", args=[activity.uuid]),
            {
                "version": activity.version,
                "status": "done",
                "completed_on": "2024-09-20",
                "evidence_file": SimpleUploadedFile("протокол.odt", content),
            },
        )
    assert memory["peak"] < LIMIT
    assert response.status_code == 200
    assert "после распаковки слишком велик" in str(response.context["form"].errors["evidence_file"])
    activity.refresh_from_db()
    assert not activity.evidence_file


@pytest.mark.django_db
def test_people_xlsx_with_a_row_of_half_a_million_cells_is_refused_within_memory(world, login):
    client = login(world.users["curator"])
    content = bombs.xlsx_wide_row()
    check_archive(io.BytesIO(content), PARSED_ARCHIVE_LIMITS)  # inside the size and ratio limits
    before = Person.objects.count()
    with bombs.memory_growth() as memory:
        response = client.post(
            reverse("people:import_upload"),
            {"kind": "staff", "file": SimpleUploadedFile("люди.xlsx", content)},
        )
    assert memory["peak"] < LIMIT
    assert "больше 500 ячеек" in response.context["error"]
    assert Person.objects.count() == before


def test_an_ordinary_sheet_passes_the_row_check():
    from openpyxl import Workbook

    book, buffer = Workbook(), io.BytesIO()
    book.active.append(["Фамилия", "Имя", "Отчество", "Дата рождения"] + [f"столбец {i}" for i in range(40)])
    book.save(buffer)
    check_sheet_rows(buffer)
    assert buffer.tell() == 0
