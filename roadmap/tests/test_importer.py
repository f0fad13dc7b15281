"""Reading Word roadmaps: the three samples against expected files written from the documents,
and the layouts and errors the issue names."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap.importer import ImportFailed, read_docx, read_stamp, split_responsible
from roadmap.tests.docx_builder import build_docx, build_docx_without_table

SAMPLES = Path("/work/shared/samples")
DATA = Path(__file__).parent / "data"
SAMPLE_NAMES = ["ddt-ermak-2023-2024", "dou-kirov-2024", "school3-volgograd-2023-2024"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_imports_as_expected(name):
    expected = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    result = read_docx(SAMPLES / f"{name}.docx", 2023)
    assert result["title"] == expected["title"]
    assert result["approval"] == expected["approval"]
    assert [(s["number"], s["title"]) for s in result["stages"]] == [
        (s["number"], s["title"]) for s in expected["stages"]
    ]
    for got, want in zip(result["stages"], expected["stages"], strict=True):
        assert got["activities"] == want["activities"], got["title"]
    assert result["warnings"] == expected["warnings"]
    assert result == expected


def test_ermak_sample_essentials():
    result = read_docx(SAMPLES / "ddt-ermak-2023-2024.docx", 2023)
    assert result["approval"] == {
        "approved_by": "С.А. Михайлова",
        "order_number": "231",
        "order_date": "2023-09-01",
        "protocol_number": "1",
        "protocol_date": "2023-08-30",
    }
    assert len(result["stages"]) == 7
    # Eleven rows; the «– …» items of the plan column are activities of their own.
    assert sum(len(s["activities"]) for s in result["stages"]) == 21
    first = result["stages"][0]["activities"][0]
    assert first["responsible"] == ["Яковенко И.А.", "Нечесова А.А."]
    assert first["deadline"] == {
        "text": "До 15.09.2023",
        "start": "2023-09-01",
        "end": "2023-09-15",
        "recurrence": "once",
        "on_demand": False,
    }
    # «До 13.09.2024» ends after 31.08.2024: the importer says so.
    assert any("13.09.2024" in w and "2023/2024" in w for w in result["warnings"])


def test_school3_merged_stage_cells_keep_numbered_rows_in_their_stage():
    result = read_docx(SAMPLES / "school3-volgograd-2023-2024.docx", 2023)
    stage4 = result["stages"][3]
    assert stage4["title"] == "Отбор и обучение наставников"
    assert len(stage4["activities"]) == 3
    assert stage4["activities"][2]["deadline"]["start"] is None
    assert "Мероприятие 4.3: срок не указан." in result["warnings"]
    assert result["approval"]["approved_by"] == "С.В. Прохорова"


def test_kirov_roles_run_together_are_split():
    result = read_docx(SAMPLES / "dou-kirov-2024.docx", 2023)
    stage6 = result["stages"][5]
    assert stage6["activities"][0]["responsible"] == ["Заведующий", "Старший воспитатель"]
    assert stage6["activities"][1]["expected_result"] == "Протокол педагогического совета"


@pytest.mark.parametrize(
    ("cell", "entries"),
    [
        ("Яковенко И.А. Нечесова А.А.", ["Яковенко И.А.", "Нечесова А.А."]),
        ("Администрация школы, куратор, наставники", ["Администрация школы", "куратор", "наставники"]),
        ("И.А. Яковенко; Классные руководители", ["И.А. Яковенко", "Классные руководители"]),
        ("Заместитель директора по УВР Петрова О.В.", ["Петрова О.В.", "Заместитель директора по УВР"]),
        ("", []),
    ],
)
def test_split_responsible(cell, entries):
    assert split_responsible(cell) == entries


def test_stamp_with_number_before_date():
    stamp = read_stamp(
        ["УТВЕРЖДАЮ", "Директор МБОУ «СОШ № 7»", "С.В. Прохорова", "Приказ № 41-од от 02.09.2024"]
    )
    assert stamp["approved_by"] == "С.В. Прохорова"
    assert (stamp["order_number"], stamp["order_date"]) == ("41-од", "2024-09-02")


HEADER = ["№", "Мероприятие", "Сроки", "Ответственный", "Ожидаемый результат", "Показатели эффективности"]


def test_full_width_rows_open_stages_and_unnumbered_rows_continue():
    rows = [
        HEADER,
        ["Этап 1. Подготовка условий"] * 6,
        ["1", "Разработка положения", "до 15 сентября", "Администрация школы", "Положение", ""],
        ["", "с учётом мнения педсовета", "", "", "", ""],
        ["II. Итоги"] * 6,
        ["2", "Мониторинг", "май", "Куратор", "Справка", "Выполнено 100 % позиций"],
    ]
    content = build_docx(rows, before=["Дорожная карта на 2024/2025 учебный год"], merge_full_width=(1, 4))
    result = read_docx(io.BytesIO(content), 2024)
    assert [s["title"] for s in result["stages"]] == ["Подготовка условий", "Итоги"]
    first = result["stages"][0]["activities"]
    assert len(first) == 1
    assert first[0]["title"] == "Разработка положения\nс учётом мнения педсовета"
    assert first[0]["deadline"]["end"] == "2024-09-15"
    second = result["stages"][1]["activities"][0]
    assert second["kpi"] == "Выполнено 100 % позиций"
    assert result["warnings"] == []


def test_year_in_title_differs_from_chosen_year_warns():
    rows = [["Наименование этапа", "Содержание деятельности", "Сроки"], ["Подготовка", "Приказ", "сентябрь"]]
    content = build_docx(rows, before=["Дорожная карта на 2022/2023 учебный год"])
    result = read_docx(io.BytesIO(content), 2024)
    assert any("2022/2023" in w for w in result["warnings"])


def test_not_a_docx_is_refused_in_russian():
    with pytest.raises(ImportFailed, match="не является документом Word"):
        read_docx(io.BytesIO(b"%PDF-1.4 not a word file"), 2024)


def test_document_without_table_is_refused():
    with pytest.raises(ImportFailed, match="нет таблицы"):
        read_docx(io.BytesIO(build_docx_without_table(["Дорожная карта"])), 2024)


def test_table_without_known_columns_is_refused():
    content = build_docx([["Фамилия", "Класс", "Оценка"], ["Иванов", "7Б", "5"]])
    with pytest.raises(ImportFailed, match="не удалось распознать столбцы"):
        read_docx(io.BytesIO(content), 2024)


CELL = st.text(alphabet=st.sampled_from(list("Этап 1.сентябрьдо15.09 ИвановИ.А.,\n–-")), max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL, min_size=4, max_size=4), min_size=0, max_size=6))
def test_any_table_under_a_known_header_reads_or_fails_cleanly(rows):
    header = ["№", "Наименование этапа", "Содержание деятельности", "Сроки"]
    content = build_docx([header, *rows])
    try:
        result = read_docx(io.BytesIO(content), 2024)
    except ImportFailed as error:
        assert str(error)
        return
    for stage in result["stages"]:
        for activity in stage["activities"]:
            assert activity["number"].startswith(f"{stage['number']}.")
