"""Roadmaps of our own making in the shapes real schools send (issue 18): rows that continue the
activity above with no «Содержание», items inside a cell, stray dashes in deadlines. Every row
ends in an activity, a stage or a warning naming it."""

from __future__ import annotations

import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap.importer import ImportFailed, keep_whole, read_docx, split_items
from roadmap.tests.docx_builder import build_docx

SECTIONED = [
    ["№ п/п", "Содержание", "Планируемый результат", "Срок", "Ответственные", "Показатели эффективности"],
    ["1. Подготовка условий"] * 6,
    [
        "1.1",
        "Разработка положения о наставничестве",
        "Положение утверждено",
        "сентябрь 2024",
        "Директор",
        "Положение",
    ],
    [
        "1.2",
        "Формирование банка программ",
        "Проведено заседание методического совета",
        "октябрь 2024",
        "Петрова О.В.",
        "Протокол",
    ],
    [
        "",
        "",
        "Сформирован банк программ наставничества",
        "Ноябрь - 2024 г.",
        "Иванов И.И.",
        "Не менее 5 программ",
    ],
    ["", "", "Приказ о поощрении наставников", "май 2025 года", "Директор", "Приказ"],
    ["", "", "с публикацией на сайте", "", "Администратор сайта", ""],
    ["2. Завершение"] * 6,
    ["", "", "Отчёт без мероприятия", "", "", ""],
    ["2.1", "Итоговая конференция", "Проведена конференция", "апрель", "Куратор", "100 % пар"],
]


def _read(rows, year=2024, **kwargs) -> dict:
    return read_docx(io.BytesIO(build_docx(rows, **kwargs)), year)


def test_rows_without_content_continue_the_activity_above_under_its_number():
    result = _read(SECTIONED, merge_full_width=(1, 7))
    first, second = result["stages"]
    assert [a["number"] for a in first["activities"]] == ["1.1", "1.2", "1.2.2", "1.2.3"]
    bank = first["activities"][2]
    assert bank["title"] == "Формирование банка программ"
    assert bank["expected_result"] == "Сформирован банк программ наставничества"
    assert bank["kpi"] == "Не менее 5 программ"
    assert bank["responsible"] == ["Иванов И.И."]
    assert (bank["deadline"]["start"], bank["deadline"]["end"]) == ("2024-11-01", "2024-11-30")
    # A row with no deadline of its own is appended to the activity above, responsible included.
    reward = first["activities"][3]
    assert reward["expected_result"] == "Приказ о поощрении наставников\nс публикацией на сайте"
    assert reward["responsible"] == ["Директор", "Администратор сайта"]
    # Nothing above it in its section: the row is named in a warning, not dropped.
    assert [a["title"] for a in second["activities"]] == ["Итоговая конференция"]
    assert any("Строка 9" in w and "Отчёт без мероприятия" in w for w in result["warnings"])


def test_a_continuation_row_with_a_plan_column_keeps_its_own_measure():
    rows = [
        [
            "№",
            "Наименование этапа",
            "Содержание деятельности",
            "Примерный план мероприятий",
            "Сроки",
            "Ответственный",
        ],
        ["1", "Подготовка", "Информирование коллектива", "Педагогический совет", "сентябрь", "Директор"],
        ["", "Подготовка", "", "Публикация на сайте", "октябрь", "Администратор"],
    ]
    activities = _read(rows)["stages"][0]["activities"]
    assert [(a["number"], a["title"], a["content"]) for a in activities] == [
        ("1.1", "Информирование коллектива", "Педагогический совет"),
        ("1.1.2", "Информирование коллектива", "Публикация на сайте"),
    ]


NUMBERED = [
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
        "Подготовка условий",
        "1) Разработка положения; 2) Приказ о закреплении пар; 3) Анкетирование педагогов",
        "сентябрь 2024",
        "Иванов И.И.",
        "1) Положение 2) Приказ 3) 10 анкет",
    ],
    [
        "2",
        "Обучение",
        "Обучение наставников:\n– подготовка материалов;\n– консультации",
        "в течение года",
        "Куратор",
        "",
    ],
    ["3", "Итоги", "• мониторинг • конференция", "1) апрель 2) май", "Куратор", "Справка"],
    [
        "4",
        "Информирование",
        "Размещение на сайте – «новости» наставничества",
        "постоянно",
        "Администратор",
        "",
    ],
]


def test_items_in_a_cell_are_activities_sharing_the_rows_deadline_and_responsible():
    result = _read(NUMBERED)
    first, second, third, fourth = (s["activities"] for s in result["stages"])
    assert [a["title"] for a in first] == [
        "Разработка положения",
        "Приказ о закреплении пар",
        "Анкетирование педагогов",
    ]
    assert {a["deadline"]["text"] for a in first} == {"сентябрь 2024"}
    assert all(a["responsible"] == ["Иванов И.И."] for a in first)
    assert [a["kpi"] for a in first] == ["Положение", "Приказ", "10 анкет"]  # numbered per item
    assert [(a["title"], a["content"]) for a in second] == [
        ("Обучение наставников:", "подготовка материалов"),
        ("Обучение наставников:", "консультации"),
    ]
    assert [(a["title"], a["deadline"]["text"], a["kpi"]) for a in third] == [
        ("мониторинг", "апрель", "Справка"),
        ("конференция", "май", "Справка"),
    ]
    # A dash inside a sentence is not a list.
    assert [a["title"] for a in fourth] == ["Размещение на сайте – «новости» наставничества"]
    assert [(s["row"], s["stage"]) for s in result["splits"]] == [(2, 1), (3, 2), (4, 3)]


def test_a_split_row_kept_whole_is_one_activity_again_and_the_stage_is_renumbered():
    result = _read(NUMBERED)
    kept = keep_whole(result, ["2"])
    first = kept["stages"][0]["activities"]
    assert len(first) == 1
    assert first[0]["number"] == "1.1"
    assert first[0]["title"] == NUMBERED[1][2]
    assert first[0]["kpi"] == NUMBERED[1][5]
    assert len(kept["stages"][2]["activities"]) == 2  # the other splits stay
    assert len(result["stages"][0]["activities"]) == 3  # what was read is not changed


def test_text_appended_to_a_split_row_is_kept_when_the_row_is_kept_whole():
    rows = [
        ["№", "Содержание деятельности", "Сроки", "Ответственный"],
        ["1", "– приказ; – положение", "сентябрь", "Директор"],
        ["", "и дорожная карта", "", ""],
    ]
    result = _read(rows)
    assert result["stages"][0]["activities"][-1]["title"] == "положение\nи дорожная карта"
    whole = keep_whole(result, [2])["stages"][0]["activities"]
    assert [a["title"] for a in whole] == ["– приказ; – положение\nи дорожная карта"]


def test_word_list_paragraphs_in_a_cell_are_items():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(
        table.rows[0].cells, ["Содержание деятельности", "Сроки", "Ответственный"], strict=True
    ):
        cell.text = text
    cell = table.cell(1, 0)
    cell.paragraphs[0].text = "Обучение наставников:"
    cell.add_paragraph("подготовка материалов", style="List Number")
    cell.add_paragraph("консультации", style="List Number")
    table.cell(1, 1).text = "октябрь"
    buffer = io.BytesIO()
    document.save(buffer)
    activities = read_docx(io.BytesIO(buffer.getvalue()), 2024)["stages"][0]["activities"]
    assert [a["content"] for a in activities] == ["подготовка материалов", "консультации"]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1) а; 2) б", ["а", "б"]),
        ("1. Положение.\n2. Приказ.", ["Положение.", "Приказ."]),
        ("- сайт; - сетевые сообщества.", ["сайт", "сетевые сообщества."]),
        ("анализ банка; - проведение консультаций", ["анализ банка", "проведение консультаций"]),
        ("Обучение: • раз • два", [":Обучение:", "раз", "два"]),
        ("Подготовка материалов", None),
        ("- одно единственное", None),
        ("Приказ от 15.09.2024 № 5. Утвердить", None),
        ("2) не с первого 3) пункта", None),
        ("наставников – «установочные сессии»", None),
    ],
)
def test_split_items(text, items):
    assert split_items(text) == items


DEADLINES = [
    ["№", "Содержание деятельности", "Сроки", "Ответственный"],
    ["1", "Анкетирование", "Август-Сентябрь- 2024 года", "Куратор"],
    ["2", "Собеседования", "Октябрь –  – ноябрь 2024 г.", "Куратор"],
    ["3", "Конференция", "Август-Сентябрь", "Куратор"],
    ["4", "Отчёт", "по согласованию", "Куратор"],
    ["5", "Работа пар", "сентябрь (далее – в течение года)", "Куратор"],
]


def test_stray_dashes_in_deadlines_are_read_and_doubtful_deadlines_warned():
    result = _read(DEADLINES)
    windows = [(a["deadline"]["start"], a["deadline"]["end"]) for a in result["stages"][0]["activities"]]
    assert windows[0] == ("2024-08-01", "2024-09-30")
    assert windows[1] == ("2024-10-01", "2024-11-30")
    assert result["warnings"] == [
        "Мероприятие 1.1: срок «Август-Сентябрь- 2024 года» выходит за пределы 2024/2025 учебного года.",
        "Мероприятие 1.3: срок «Август-Сентябрь» прочитан как весь учебный год, хотя в нём названы "
        "месяцы. Проверьте срок.",
        "Мероприятие 1.4: не удалось прочитать срок «по согласованию».",
    ]


HEADER = [
    "№",
    "Наименование этапа",
    "Содержание деятельности",
    "Примерный план мероприятий",
    "Сроки",
    "Ответственный",
    "Ожидаемый результат",
    "Показатели эффективности",
]
WORDS = [f"слово{n}" for n in range(40)]


def _cell():
    return st.one_of(
        st.just(""),
        st.sampled_from(WORDS),
        st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(
            lambda ws: " ".join(f"{i}) {w};" for i, w in enumerate(ws, start=1))
        ),
        st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(
            lambda ws: "\n".join(f"– {w}" for w in ws)
        ),
    )


ROW = st.tuples(st.sampled_from(["", "1", "2."]), *[_cell()] * 7).map(list)


def _everything_said(result: dict) -> str:
    parts = [stage["title"] for stage in result["stages"]] + result["warnings"]
    for stage in result["stages"]:
        for a in stage["activities"]:
            parts += [
                a["title"],
                a["content"],
                a["expected_result"],
                a["kpi"],
                a["deadline"]["text"],
                *a["responsible"],
            ]
    return "\n".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=6))
def test_no_word_of_any_row_is_lost(rows):
    content = build_docx([HEADER, *rows])
    try:
        result = read_docx(io.BytesIO(content), 2024)
    except ImportFailed:
        return
    said = _everything_said(result)
    for row in rows:
        for word in " ".join(row[1:]).replace(";", " ").replace("\n", " ").split():
            if word.startswith("слово"):
                assert word in said, (word, row)
    for whole in keep_whole(result, [s["row"] for s in result["splits"]])["stages"]:
        for a in whole["activities"]:
            assert "split" not in a or a["split"]["item"] == 0
