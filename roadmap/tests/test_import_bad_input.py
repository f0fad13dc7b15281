"""Bad files for the roadmap import from Word: a clear Russian message and nothing saved; text
that looks like a spreadsheet formula is kept as plain text."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from roadmap.models import Activity, Roadmap
from roadmap.tests.docx_builder import build_docx

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
FORMULA = '=HYPERLINK("http://evil.example","y")'


def _xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Этап", "Мероприятие", "Сроки"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _post(client, content: bytes, name: str = "roadmap.docx"):
    return client.post(
        reverse("roadmap:roadmap_import"), {"file": SimpleUploadedFile(name, content), "year": "2024"}
    )


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "файл пуст"),
        (b"PK\x03\x04 broken zip", "повреждён"),
        (PNG, "не является документом Word"),
        (_xlsx(), "не является документом Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "не является документом Word"),
        (b"PK\x03\x04" + b"0" * (10 * 1024 * 1024), "больше 10 МБ"),
        (build_docx([["Фамилия", "Класс"], ["Иванов", "7Б"]]), "не удалось распознать столбцы"),
    ],
    ids=["empty", "corrupt", "png-renamed", "xlsx-renamed", "doc-renamed", "huge", "wrong-columns"],
)
def test_bad_word_files_get_a_clear_message_and_save_nothing(world, login, content, message):
    client = login(world.users["curator"])
    response = _post(client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Roadmap.objects.exists()
    assert client.get(reverse("roadmap:roadmap_import_preview")).status_code == 302  # nothing pending


def test_formula_like_text_in_a_word_table_is_imported_as_plain_text(world, login):
    rows = [
        ["Наименование этапа", "Содержание деятельности", "Сроки"],
        ["Подготовка", FORMULA, "сентябрь"],
    ]
    client = login(world.users["curator"])
    assert _post(client, build_docx(rows)).status_code == 302
    client.post(reverse("roadmap:roadmap_import_preview"))
    activity = Activity.objects.get(stage__roadmap__organization=world.org)
    assert activity.title == FORMULA
