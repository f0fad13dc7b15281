"""Which activities expect what: the standard roadmap and the schools' own roadmaps."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from reports.evidence.matching import expects
from roadmap.importer import read_docx
from roadmap.standard import STANDARD_STAGES


def _standard_matches(key: str) -> list[str]:
    found = []
    for stage_title, activities in STANDARD_STAGES:
        for title, content, _, _, expected, _ in activities:
            activity = SimpleNamespace(
                title=title,
                content=content,
                expected_result=expected,
                stage=SimpleNamespace(title=stage_title),
            )
            if expects(activity, key):
                found.append(title)
    return found


def test_a_pairs_order_is_expected_by_the_order_activity_and_the_pairs_stage():
    assert _standard_matches("order:pairs") == [
        "Приказ(ы) о закреплении наставнических пар/групп",
        "Формирование наставнических пар/групп",
    ]


def test_a_teachers_council_is_expected_where_its_protocol_is():
    assert _standard_matches("event:teachers_council") == [
        "Информирование педагогического коллектива о внедрении системы наставничества"
    ]


@pytest.mark.parametrize(
    ("key", "title"),
    [
        (
            "order:launch",
            "Подготовка и принятие локальных нормативных правовых актов образовательной организации",
        ),
        ("order:reward", "Поощрение участников наставнической деятельности"),
        ("event:mentor_training", "Обучение наставников для работы с наставляемыми"),
        (
            "event:round_table",
            "Проведение итогового мероприятия (круглого стола) по выявлению лучших практик наставничества",
        ),
        ("survey:mentor_candidate", "Проведение анкетирования среди потенциальных наставников"),
        (
            "regulation",
            "Подготовка и принятие локальных нормативных правовых актов образовательной организации",
        ),
    ],
)
def test_each_kind_finds_its_standard_activity(key, title):
    assert _standard_matches(key) == [title]


def test_nothing_unrelated_is_offered():
    assert _standard_matches("event:parents_meeting") == []
    assert _standard_matches("order:completion") == []


def _sample_rows(name: str) -> list:
    with open(f"/work/shared/samples/{name}.docx", "rb") as handle:
        data = read_docx(handle, 2023)
    return [
        SimpleNamespace(
            title=a["title"],
            content=a.get("content", ""),
            expected_result=a.get("expected_result", ""),
            stage=SimpleNamespace(title=stage["title"]),
        )
        for stage in data["stages"]
        for a in stage["activities"]
    ]


def test_school_roadmaps_offer_their_own_order_and_council_lines():
    volgograd = _sample_rows("school3-volgograd-2023-2024")
    assert [r.title for r in volgograd if expects(r, "order:pairs")] == [
        "Приказ(ы) о закреплении наставнических пар/групп"
    ]
    ermak = _sample_rows("ddt-ermak-2023-2024")
    assert any(
        r.title.startswith("Информирование педагогического")
        for r in ermak
        if expects(r, "event:teachers_council")
    )
    assert not [r for r in ermak + volgograd if expects(r, "event:class_hour")]
