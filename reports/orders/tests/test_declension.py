"""Names in the case a sentence needs, from the stored gender."""

from __future__ import annotations

import pytest

from mentoring.lib.declension import Case, decline_full_name, decline_position, surname_is_indeclinable

G, D, A, INS = Case.GENITIVE, Case.DATIVE, Case.ACCUSATIVE, Case.INSTRUMENTAL

NAMES = [
    # (фамилия, имя, отчество, пол, падеж, ожидаемое)
    ("Иванова", "Мария", "Петровна", "f", A, "Иванову Марию Петровну"),
    ("Петров", "Иван", "Сергеевич", "m", INS, "Петровым Иваном Сергеевичем"),
    ("Сидорова", "Анна", "Викторовна", "f", D, "Сидоровой Анне Викторовне"),
    ("Яковенко", "Ирина", "Александровна", "f", D, "Яковенко Ирине Александровне"),
    ("Смирнов", "Илья", "Андреевич", "m", G, "Смирнова Ильи Андреевича"),
    ("Кузнецова", "Любовь", "Ильинична", "f", A, "Кузнецову Любовь Ильиничну"),
    ("Соколов", "Павел", "Никитич", "m", D, "Соколову Павлу Никитичу"),
    # Indeclinable surnames.
    ("Шевченко", "Тарас", "Григорьевич", "m", D, "Шевченко Тарасу Григорьевичу"),
    ("Шевченко", "Ольга", "Ивановна", "f", INS, "Шевченко Ольгой Ивановной"),
    ("Ким", "Ольга", "Сергеевна", "f", D, "Ким Ольге Сергеевне"),
    ("Ким", "Олег", "Сергеевич", "m", D, "Киму Олегу Сергеевичу"),
    ("Дюма", "Александр", "", "m", G, "Дюма Александра"),
    ("Черных", "Анна", "Ивановна", "f", A, "Черных Анну Ивановну"),
    ("Черных", "Иван", "Иванович", "m", INS, "Черных Иваном Ивановичем"),
    ("Седых", "Павел", "Олегович", "m", D, "Седых Павлу Олеговичу"),
    ("Мельник", "Ольга", "Ивановна", "f", G, "Мельник Ольги Ивановны"),
    ("Мельник", "Олег", "Иванович", "m", G, "Мельника Олега Ивановича"),
    ("Гюго", "Виктор", "", "m", INS, "Гюго Виктором"),
    # Double-barrelled surnames decline part by part, each by its own rules.
    ("Петрова-Водкина", "Анна", "Ивановна", "f", D, "Петровой-Водкиной Анне Ивановне"),
    ("Петров-Водкин", "Кузьма", "Сергеевич", "m", INS, "Петровым-Водкиным Кузьмой Сергеевичем"),
    ("Римский-Корсаков", "Николай", "Андреевич", "m", G, "Римского-Корсакова Николая Андреевича"),
    ("Иванова-Шевченко", "Ольга", "Ивановна", "f", A, "Иванову-Шевченко Ольгу Ивановну"),
    ("Ким-Петрова", "Елена", "Олеговна", "f", INS, "Ким-Петровой Еленой Олеговной"),
    # Non-Russian middle names stay as written.
    ("Мамедов", "Эльдар", "Рустам оглы", "m", D, "Мамедову Эльдару Рустам оглы"),
]


@pytest.mark.parametrize(("last", "first", "middle", "gender", "case", "expected"), NAMES)
def test_names_are_declined_for_their_place_in_the_sentence(last, first, middle, gender, case, expected):
    assert decline_full_name(last, first, middle, gender, case) == expected


def test_nominative_is_returned_as_written():
    assert decline_full_name("Иванова", "Мария", "Петровна", "f", Case.NOMINATIVE) == "Иванова Мария Петровна"


def test_capitals_are_kept():
    assert decline_full_name("ИВАНОВА", "Мария", "", "f", Case.DATIVE) == "ИВАНОВОЙ Марии"


@pytest.mark.parametrize(
    ("surname", "gender", "indeclinable"),
    [
        ("Шевченко", "m", True),
        ("Черных", "f", True),
        ("Ким", "f", True),
        ("Ким", "m", False),
        ("Иванова", "f", False),
    ],
)
def test_indeclinable_surnames_are_recognised(surname, gender, indeclinable):
    assert surname_is_indeclinable(surname, gender) is indeclinable


@pytest.mark.parametrize(
    ("position", "case", "expected"),
    [
        ("учитель математики", D, "учителю математики"),
        ("заместитель директора по УВР", A, "заместителя директора по УВР"),
        ("педагог-психолог", INS, "педагогом-психологом"),
        ("социальный педагог", D, "социальному педагогу"),
        ("старший воспитатель", G, "старшего воспитателя"),
        ("учитель русского языка и литературы", A, "учителя русского языка и литературы"),
        ("главный бухгалтер", D, "главному бухгалтеру"),
        ("Qwerty", D, "Qwerty"),  # not a Russian word: kept as written
    ],
)
def test_positions_decline_by_their_head_noun(position, case, expected):
    assert decline_position(position, case) == expected
