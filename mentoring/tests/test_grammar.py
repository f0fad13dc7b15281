"""Job titles, organization names, agreement with a person and counts, by the morphology library."""

from __future__ import annotations

import pytest

from mentoring.lib.declension import Case
from mentoring.lib.grammar import agree, inflect_phrase, plural

G, D, INS = Case.GENITIVE, Case.DATIVE, Case.INSTRUMENTAL
SCHOOL = 'Муниципальное бюджетное общеобразовательное учреждение "Средняя общеобразовательная школа № 7"'
QUOTED = '"Средняя общеобразовательная школа № 7"'


@pytest.mark.parametrize(
    ("title", "genitive", "dative", "instrumental"),
    [
        ("старшая вожатая", "старшей вожатой", "старшей вожатой", "старшей вожатой"),
        ("педагог-организатор", "педагога-организатора", "педагогу-организатору", "педагогом-организатором"),
        (
            "учитель начальных классов",
            "учителя начальных классов",
            "учителю начальных классов",
            "учителем начальных классов",
        ),
        (
            "заместитель директора по УВР",
            "заместителя директора по УВР",
            "заместителю директора по УВР",
            "заместителем директора по УВР",
        ),
        ("социальный педагог", "социального педагога", "социальному педагогу", "социальным педагогом"),
        (
            SCHOOL,
            f"Муниципального бюджетного общеобразовательного учреждения {QUOTED}",
            f"Муниципальному бюджетному общеобразовательному учреждению {QUOTED}",
            f"Муниципальным бюджетным общеобразовательным учреждением {QUOTED}",
        ),
    ],
)
def test_titles_and_organization_names_decline_by_head_and_agreeing_words(
    title, genitive, dative, instrumental
):
    assert inflect_phrase(title, G) == genitive
    assert inflect_phrase(title, D) == dative
    assert inflect_phrase(title, INS) == instrumental


def test_accusative_of_a_feminine_title():
    assert inflect_phrase("старшая вожатая", Case.ACCUSATIVE) == "старшую вожатую"


def test_organization_name_inside_a_sentence_starts_small_but_keeps_abbreviations():
    assert inflect_phrase(SCHOOL, D, lower_first=True).startswith("муниципальному бюджетному")
    assert inflect_phrase("МБОУ «СОШ № 7»", D, lower_first=True) == "МБОУ «СОШ № 7»"


def test_unknown_words_stay_as_written():
    assert inflect_phrase("Qwerty manager", D) == "Qwerty manager"
    assert inflect_phrase("", D) == ""


def test_adjectives_and_participles_agree_with_the_person():
    assert agree("несовершеннолетний", "f", G) == "несовершеннолетней"
    assert agree("обучающийся", "f", G) == "обучающейся"
    assert agree("обучающийся", "m", G) == "обучающегося"
    assert agree("обучающийся", "m", Case.ACCUSATIVE) == "обучающегося"
    assert agree("найденный", "f", Case.NOMINATIVE) == "найденная"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 пара"), (2, "2 пары"), (5, "5 пар"), (11, "11 пар"), (21, "21 пара"), (0, "0 пар")],
)
def test_counts_agree_with_their_noun(count, expected):
    assert plural(count, "пара") == expected


def test_counts_of_records_and_phrases():
    assert plural(4, "запись") == "4 записи"
    assert plural(5, "запись") == "5 записей"
    assert plural(1, "наставническая пара (группа)", G) == "1 наставнической пары (группы)"
    assert plural(3, "наставническая пара (группа)", G) == "3 наставнических пар (групп)"


def test_accusative_after_one_takes_the_accusative_singular():
    from mentoring.lib.declension import Case
    from mentoring.lib.grammar import plural

    counts = [plural(n, "верная строка", Case.ACCUSATIVE) for n in (1, 2, 5, 11, 21, 199)]
    assert counts == [
        "1 верную строку",
        "2 верные строки",
        "5 верных строк",
        "11 верных строк",
        "21 верную строку",
        "199 верных строк",
    ]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, ["реализована", "Проведена", "не участвует", "ответил", "выполнено"]),
        (2, ["реализованы", "Проведены", "не участвуют", "ответили", "выполнены"]),
        (5, ["реализовано", "Проведено", "не участвуют", "ответили", "выполнено"]),
        (21, ["реализована", "Проведена", "не участвует", "ответил", "выполнено"]),
    ],
)
def test_a_verb_agrees_with_a_count_as_its_subject(n, expected):
    from mentoring.lib.grammar import predicate

    assert [
        predicate(n, "реализованы", "программа"),
        predicate(n, "Проведено", "встреча"),
        predicate(n, "не участвуют", "педагог"),
        predicate(n, "ответили", "адресат"),
        predicate(n, "выполнено", "мероприятие"),
    ] == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, ["1 год", "1 человек", "1 анкетирование", "1 человека", "1 анкетированию"]),
        (2, ["2 года", "2 человека", "2 анкетирования", "2 человек", "2 анкетированиям"]),
        (5, ["5 лет", "5 человек", "5 анкетирований", "5 человек", "5 анкетированиям"]),
        (21, ["21 год", "21 человек", "21 анкетирование", "21 человека", "21 анкетированию"]),
    ],
)
def test_counting_forms_and_verbal_nouns(n, expected):
    from mentoring.lib.declension import Case
    from mentoring.lib.grammar import plural

    assert [
        plural(n, "год"),
        plural(n, "человек"),
        plural(n, "анкетирование"),
        plural(n, "человек", Case.GENITIVE),
        plural(n, "анкетирование", Case.DATIVE),
    ] == expected
