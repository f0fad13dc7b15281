"""The analytical note's sentences agree every count with its noun and its verb (1, 2, 5, 21):
«реализована 1», «Сформировано 5 пар (групп)», «ответил 1 из 1 адресата» — never «реализованы 1»
or «1 из 1 педагогов»."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from reports.monitoring import notes
from reports.monitoring.statistics import Figures


def monitoring(n: int, **extra) -> SimpleNamespace:
    figures = Figures(
        mentors=n,
        mentees=n,
        mentors_in_pairs=n,
        mentees_in_pairs=n,
        pairs_active=n,
        pairs_completed=n,
        pairs_terminated=n,
        pairs_project=n,
        programs=n,
        programs_kpi=n,
        feedback_count=n,
        usefulness_sum=8 * n,
        comfort_sum=8 * n,
        clarity_sum=8 * n,
        teachers_under_35=n,
        teachers_under_3_years=n,
        students_mentees_10_18=n,
        students_mentors_15_18=n,
    )
    values = dict(
        figures=figures,
        pairs_working=n,
        meetings=n,
        meetings_per_pair=1.0,
        activities_due=n,
        activities_on_time=n,
        campaigns=n,
        invited=n,
        answered=n,
        survey_satisfaction=None,
        satisfied=0,
        satisfaction_answers=0,
        staff_under_35=n,
        staff_under_3_years=n,
        students_10_18=n,
        students_15_18=n,
    )
    values.update(extra)
    return SimpleNamespace(**values)


FINDINGS = {
    1: [
        "работал 1 наставник и 1 наставляемый",
        "действует 1, завершена 1, прекращена досрочно 1",
        "Проведена 1 встреча",
        "Из 1 персонализированной программы с планом не менее чем на 90 % реализована 1",
        "По 1 отзыву",
        "Из 1 мероприятия дорожной карты с наступившим сроком в срок выполнено 1",
        "1 из 1 педагога в возрасте до 35 лет",
        "1 из 1 обучающегося 10–18 лет участвует в роли наставляемых",
        "Проведено 1 анкетирование; ответил 1 из 1 адресата",
    ],
    2: [
        "работали 2 наставника и 2 наставляемых",
        "действуют 2, завершены 2, прекращены досрочно 2",
        "Проведены 2 встречи",
        "Из 2 персонализированных программ с планом не менее чем на 90 % реализованы 2",
        "По 2 отзывам",
        "Из 2 мероприятий дорожной карты с наступившим сроком в срок выполнены 2",
        "2 из 2 педагогов в возрасте до 35 лет",
        "2 из 2 обучающихся 10–18 лет участвуют в роли наставляемых",
        "Проведены 2 анкетирования; ответили 2 из 2 адресатов",
    ],
    5: [
        "работали 5 наставников и 5 наставляемых",
        "действуют 5, завершено 5, прекращено досрочно 5",
        "Проведено 5 встреч",
        "Из 5 персонализированных программ с планом не менее чем на 90 % реализовано 5",
        "По 5 отзывам",
        "Из 5 мероприятий дорожной карты с наступившим сроком в срок выполнено 5",
        "5 из 5 педагогов в возрасте до 35 лет",
        "Проведено 5 анкетирований; ответили 5 из 5 адресатов",
    ],
    21: [
        "работал 21 наставник и 21 наставляемый",
        "действует 21, завершена 21, прекращена досрочно 21",
        "Проведена 21 встреча",
        "Из 21 персонализированной программы с планом не менее чем на 90 % реализована 21",
        "По 21 отзыву",
        "21 из 21 педагога в возрасте до 35 лет",
        "Проведено 21 анкетирование; ответил 21 из 21 адресата",
    ],
}

PAIRS_FORMED = {
    1: "Сформирована 1 пара (группа)",
    2: "Сформированы 2 пары (группы)",
    5: "Сформировано 5 пар (групп)",
    21: "Сформирована 21 пара (группа)",
}

CONCLUSIONS = {
    1: ["Не выполнено в срок 1 мероприятие", "1 педагог в возрасте до 35 лет не участвует", "в 1 программе"],
    2: [
        "Не выполнены в срок 2 мероприятия",
        "2 педагога в возрасте до 35 лет не участвуют",
        "в 2 программах",
    ],
    5: [
        "Не выполнено в срок 5 мероприятий",
        "5 педагогов в возрасте до 35 лет не участвуют",
        "в 5 программах",
    ],
    21: [
        "Не выполнено в срок 21 мероприятие",
        "21 педагог в возрасте до 35 лет не участвует",
        "в 21 программе",
    ],
}


def _text(paragraphs: list[str]) -> str:
    return " ".join(" ".join(paragraphs).split())


@pytest.mark.parametrize("n", sorted(FINDINGS))
def test_findings_agree_counts_with_nouns_and_verbs(n):
    text = _text(notes.findings(monitoring(n)))
    for phrase in FINDINGS[n]:
        assert phrase in text


@pytest.mark.parametrize("n", sorted(PAIRS_FORMED))
def test_pairs_formed_agree_with_their_count(n):
    m = monitoring(n)
    m.figures.pairs_completed = m.figures.pairs_terminated = m.figures.pairs_project = 0
    assert PAIRS_FORMED[n] in _text(notes.findings(m))


@pytest.mark.parametrize("n", sorted(CONCLUSIONS))
def test_conclusions_agree_counts_with_nouns_and_verbs(n):
    m = monitoring(2 * n, activities_on_time=n, staff_under_35=3 * n)
    m.figures.programs_kpi = n  # n of 2n programmes below the target
    m.figures.teachers_under_35 = 2 * n  # n of 3n young teachers out
    text = _text(notes.conclusions(m, []))
    for phrase in CONCLUSIONS[n]:
        assert phrase in text
