"""NameGuard: names of people without a consent to dissemination are masked in free text."""

from __future__ import annotations

import pytest

from reports.publication.names import MASK, NameGuard


@pytest.fixture
def guard() -> NameGuard:
    guard = NameGuard()
    guard._add(1, "Иванова", "Мария", "Петровна", hidden=True)
    guard._add(2, "Петров", "Павел", "Сергеевич", hidden=False)
    guard._add(3, "Соколова-Белая", "Анна", "Юрьевна", hidden=True)
    return guard


@pytest.mark.parametrize(
    "text",
    [
        "Встреча с Ивановой Марией Петровной прошла",
        "Мария Петровна рассказала",
        "М.П. Иванова выступила",
        "Иванова М. П. выступила",
        "Благодарим Иванову Марию",
        "Соколовой-Белой Анне вручили грамоту",
        "Выступила Иванова.",
    ],
)
def test_hidden_names_are_masked_in_any_case_and_form(guard, text):
    masked = guard.mask(text)
    assert "Иванов" not in masked and "Соколов" not in masked and "Мария Петровна" not in masked
    assert MASK in masked


@pytest.mark.parametrize("text", ["Петровым Павлом Сергеевичем", "Павла Петрова", "П.С. Петров"])
def test_names_with_consent_stay(guard, text):
    assert guard.mask(text) == text


def test_ordinary_words_and_lowercase_stay(guard):
    text = "Иван петрович пришёл в класс; мария — это слово со строчной буквы."
    assert guard.mask(text) == text


def test_hidden_names_are_listed_for_the_curator(guard):
    assert guard.hidden_names("Иванова М.П. и Петров Павел, снова Иванова М.П.") == ["Иванова М.П."]
