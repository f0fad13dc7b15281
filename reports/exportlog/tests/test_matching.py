"""Which activities expect an export: the standard roadmap and the schools' own roadmaps."""

from __future__ import annotations

from reports.evidence.matching import expects
from reports.evidence.tests.test_matching import _sample_rows, _standard_matches


def test_the_statistical_form_is_expected_by_monitoring_and_the_final_report():
    assert _standard_matches("export:statistics_export:form") == [
        "Промежуточный мониторинг реализации программ",
        "Проведение мониторинга качества реализации персонализированных программ наставничества",
        "Подведение итогов реализации дорожной карты",
    ]


def test_the_analytical_note_is_expected_by_every_schools_monitoring_of_quality():
    assert _standard_matches("export:analytical_note") == [
        "Промежуточный мониторинг реализации программ",
        "Проведение мониторинга качества реализации персонализированных программ наставничества",
        "Подведение итогов реализации дорожной карты",
    ]
    for sample, start in (
        ("school3-volgograd-2023-2024", "Проведение мониторинга качества"),
        ("ddt-ermak-2023-2024", "Подведение итогов работы"),
        ("dou-kirov-2024", "1) Проведение мониторинга качества"),
    ):
        matched = [r.title for r in _sample_rows(sample) if expects(r, "export:analytical_note")]
        assert len(matched) == 1 and matched[0].startswith(start), (sample, matched)


def test_a_bank_export_is_expected_where_the_bank_is_formed_not_where_it_is_analysed():
    assert _standard_matches("export:bank_export:mentor") == ["Формирование банка данных наставников"]
    assert _standard_matches("export:bank_export:mentee") == ["Формирование банка данных наставляемых"]
    ermak = _sample_rows("ddt-ermak-2023-2024")
    assert [r.title for r in ermak if expects(r, "export:bank_export:mentor")] == [
        "Сбор данных о наставниках"
    ]
    assert [r.title for r in ermak if expects(r, "export:bank_export:mentee")] == [
        "Сбор данных о наставляемых"
    ]


def test_the_roadmap_document_is_the_report_on_the_roadmap_and_survey_results_the_survey_line():
    assert _standard_matches("export:roadmap_document") == ["Подведение итогов реализации дорожной карты"]
    assert _standard_matches("export:campaign_export") == [
        "Проведение анкетирования среди потенциальных наставников",
        "Проведение мониторинга качества реализации персонализированных программ наставничества",
    ]
    assert _standard_matches("export:statistics_export:meetings") == [
        "Организация регулярных встреч наставника и наставляемого"
    ]


def test_nothing_else_of_the_roadmaps_expects_an_export():
    rows = [r for name in ("school3-volgograd-2023-2024", "ddt-ermak-2023-2024") for r in _sample_rows(name)]
    assert not [r.title for r in rows if expects(r, "export:roadmap_document")]
    assert not [r.title for r in rows if expects(r, "export:statistics_export:registry")]
    assert not _standard_matches("export:statistics_export:registry")
