"""The import preview of a roadmap whose rows are split into items or continue the row above:
the curator sees the split, the rule and the KPI, may keep a row whole, and the write is whole."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring.lib.actions import ActionRefused
from roadmap.models import Activity, Roadmap
from roadmap.tests.docx_builder import build_docx
from roadmap.tests.factories import ActivityFactory, RoadmapFactory, StageFactory

ROWS = [
    [
        "№",
        "Наименование этапа",
        "Содержание деятельности",
        "Сроки",
        "Ответственный",
        "Показатели эффективности",
    ],
    [
        "1",
        "Подготовка",
        "1) Разработка положения; 2) Приказ о закреплении пар",
        "сентябрь",
        "Куратор",
        "Приказ издан",
    ],
    ["", "Подготовка", "", "октябрь", "Директор", "Банк программ сформирован"],
    ["2", "Итоги", "Конференция", "Август-Сентябрь", "Куратор", "100 % пар"],
]


@pytest.fixture
def uploaded(world, login):
    client = login(world.users["curator"])
    upload = SimpleUploadedFile("карта.docx", build_docx(ROWS))
    response = client.post(reverse("roadmap:roadmap_import"), {"file": upload, "year": "2024"})
    assert response.status_code == 302
    return client


def test_curator_sees_the_split_the_rule_the_kpi_and_the_doubtful_deadline(uploaded):
    page = uploaded.get(reverse("roadmap:roadmap_import_preview")).content.decode()
    assert "Как прочитаны строки таблицы" in page and "1.3.2" in page  # the rule is stated
    assert 'name="keep_whole" value="2"' in page and "пункт 2 из 2" in page
    assert "1.2.2" in page and "продолжение строки выше" in page
    assert "Показатели эффективности" in page and "Банк программ сформирован" in page
    assert "прочитан как весь учебный год" in page
    assert not Roadmap.objects.exists()


def test_curator_keeps_a_split_row_whole_and_saves(uploaded, world):
    url = reverse("roadmap:roadmap_import_preview")
    page = uploaded.post(url, {"keep_whole": "2", "apply": "1"}).content.decode()
    assert 'value="2" checked' in page and "1.1.2" in page
    assert not Roadmap.objects.exists()
    uploaded.post(url, {"keep_whole": ["2", "junk"]})
    roadmap = Roadmap.objects.get(organization=world.org)
    saved = list(Activity.objects.filter(stage__roadmap=roadmap).order_by("stage__number", "position"))
    assert [(a.number, a.title) for a in saved] == [
        ("1.1", ROWS[1][2]),
        ("1.1.2", ROWS[1][2]),
        ("2.1", "Конференция"),
    ]
    assert saved[1].kpi == "Банк программ сформирован" and saved[1].responsible_roles == "Директор"


def test_saving_with_the_default_split_writes_every_item(uploaded, world):
    uploaded.post(reverse("roadmap:roadmap_import_preview"))
    numbers = Activity.objects.filter(stage__roadmap__organization=world.org).values_list("number", flat=True)
    assert sorted(numbers) == ["1.1", "1.2", "1.2.2", "2.1"]


def test_a_refusal_midway_writes_nothing(uploaded, world, monkeypatch):
    from roadmap import actions

    calls = []

    def refuse_on_third(entry, staff):
        calls.append(entry)
        if len(calls) == 3:
            raise ActionRefused("Сбой при сохранении.")

    monkeypatch.setattr(actions, "match_person", refuse_on_third)
    response = uploaded.post(reverse("roadmap:roadmap_import_preview"))
    assert response.status_code == 200 and "Сбой при сохранении." in response.content.decode()
    assert not Roadmap.objects.exists() and not Activity.objects.exists()


def test_roadmap_page_shows_the_kpi_column(world, login):
    roadmap = RoadmapFactory(organization=world.org)
    ActivityFactory(stage=StageFactory(roadmap=roadmap), kpi="Не менее 90 % программ")
    page = login(world.users["curator"]).get(roadmap.get_absolute_url()).content.decode()
    assert "Показатели эффективности" in page and "Не менее 90 % программ" in page
