"""parse_deadline on every deadline written in the sample roadmaps, the rules of the issue, and
hypothesis: it never raises."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.deadlines import parse_deadline

SAMPLES = Path("/work/shared/samples")
Y = date(2023, 9, 1), date(2024, 8, 31)

# Every deadline of the three samples (2023/2024): text → (start, end, recurrence, on_demand).
SAMPLE_DEADLINES = {
    # ddt-ermak-2023-2024
    "До 15.09.2023": (date(2023, 9, 1), date(2023, 9, 15), "once", False),
    "До 13.09.2024": (date(2023, 9, 1), date(2024, 9, 13), "once", False),
    "сентябрь": (date(2023, 9, 1), date(2023, 9, 30), "once", False),
    "май": (date(2024, 5, 1), date(2024, 5, 31), "once", False),
    "В течение учебного года": (*Y, "continuous", False),
    # dou-kirov-2024
    "Январь 2024": (date(2024, 1, 1), date(2024, 1, 31), "once", False),
    "Ежегодно (дополнительно по запросу)": (*Y, "yearly", True),
    "(по запросу)": (*Y, "once", True),
    "Ежегодно в течение учебного года": (*Y, "continuous", False),
    "Ежегодно май": (date(2024, 5, 1), date(2024, 5, 31), "yearly", False),
    "Постоянно": (*Y, "continuous", False),
    # school3-volgograd-2023-2024
    "1 сентября (в т.ч. по мере необходимости)": (date(2023, 9, 1), date(2023, 9, 1), "once", True),
    "сентябрь (в т.ч. по мере необходимости)": (date(2023, 9, 1), date(2023, 9, 30), "once", True),
    "(в т.ч. по мере необходимости)": (*Y, "once", True),
    "сентябрь (ежегодно)": (date(2023, 9, 1), date(2023, 9, 30), "yearly", False),
    "май, сентябрь (далее – в течение года)": (*Y, "continuous", False),
    "сентябрь-октябрь (далее – в течение года)": (*Y, "continuous", False),
    "в течение учебного года": (*Y, "continuous", False),
    "апрель": (date(2024, 4, 1), date(2024, 4, 30), "once", False),
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_every_listed_deadline_is_written_in_a_sample():
    corpus = _squash(" ".join(p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt")))
    missing = [text for text in SAMPLE_DEADLINES if _squash(text) not in corpus]
    assert not missing


def test_the_list_covers_every_deadline_the_importer_finds_in_the_samples():
    from roadmap.importer import read_docx

    found = {
        activity["deadline"]["text"]
        for path in SAMPLES.glob("*.docx")
        for stage in read_docx(path, 2023)["stages"]
        for activity in stage["activities"]
    }
    assert found - {""} == set(SAMPLE_DEADLINES)


@pytest.mark.parametrize("text", sorted(SAMPLE_DEADLINES))
def test_sample_deadline(text):
    start, end, recurrence, on_demand = SAMPLE_DEADLINES[text]
    deadline = parse_deadline(text, 2023)
    assert deadline.parsed
    assert (deadline.start, deadline.end, deadline.recurrence, deadline.on_demand) == (
        start,
        end,
        recurrence,
        on_demand,
    )
    assert deadline.text == text


@pytest.mark.parametrize(
    ("text", "year", "start", "end"),
    [
        ("15.09.2023", 2023, date(2023, 9, 15), date(2023, 9, 15)),
        ("05.09. 2024г. – 31.05. 2025г.", 2024, date(2024, 9, 5), date(2025, 5, 31)),
        ("Октябрь - ноябрь 2021 года", 2021, date(2021, 10, 1), date(2021, 11, 30)),
        ("октябрь — ноябрь 2021 г", 2021, date(2021, 10, 1), date(2021, 11, 30)),
        ("до августа 2022", 2021, date(2021, 9, 1), date(2022, 7, 31)),
        ("до 20 мая", 2021, date(2021, 9, 1), date(2022, 5, 20)),
        ("май, сентябрь", 2021, date(2021, 9, 1), date(2022, 5, 31)),
        ("октябрь\nфевраль\nапрель", 2021, date(2021, 10, 1), date(2022, 4, 30)),
        ("декабрь – январь 2022", 2021, date(2021, 12, 1), date(2022, 1, 31)),
        ("февраль 2030", 2021, date(2030, 2, 1), date(2030, 2, 28)),  # an explicit year wins
        ("  СЕНТЯБРЬ   2021  года ", 2021, date(2021, 9, 1), date(2021, 9, 30)),
        ("с 1 по 15 сентября", 2021, date(2021, 9, 1), date(2021, 9, 15)),
        ("20-30 мая 2022 г.", 2021, date(2022, 5, 20), date(2022, 5, 30)),
        ("до конца октября", 2021, date(2021, 9, 1), date(2021, 10, 31)),
    ],
)
def test_windows(text, year, start, end):
    deadline = parse_deadline(text, year)
    assert (deadline.start, deadline.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "recurrence", "on_demand"),
    [
        ("в течение года", "continuous", False),
        ("в течение всего периода", "continuous", False),
        ("весь период", "continuous", False),
        ("1 раз в четверть", "quarterly", False),
        ("Ежеквартально", "quarterly", False),
        ("ежемесячно", "monthly", False),
        ("ежегодно", "yearly", False),
        ("по запросам", "once", True),
        ("по мере необходимости", "once", True),
    ],
)
def test_whole_year_phrases(text, recurrence, on_demand):
    deadline = parse_deadline(text, 2022)
    assert (deadline.start, deadline.end) == (date(2022, 9, 1), date(2023, 8, 31))
    assert (deadline.recurrence, deadline.on_demand, deadline.parsed) == (recurrence, on_demand, True)


def test_named_academic_year_wins():
    deadline = parse_deadline("в течение 2021-2022 учебного года", 2024)
    assert (deadline.start, deadline.end, deadline.recurrence) == (
        date(2021, 9, 1),
        date(2022, 8, 31),
        "continuous",
    )


@pytest.mark.parametrize("text", ["", "   ", "по согласованию с методистом", "31.02.2024", "самая важная"])
def test_unreadable_text_has_no_window(text):
    deadline = parse_deadline(text, 2023)
    assert not deadline.parsed
    assert deadline.start is None and deadline.end is None


ALPHABET = st.sampled_from(list("0123456789.-–—,() гдоДОмаяМАЯсентябрьоктябрьзимаежегодновтечениипо\n"))


@settings(max_examples=400, deadline=None)
@given(st.text(), st.integers(min_value=2000, max_value=2100))
def test_never_raises_on_any_text(text, year):
    deadline = parse_deadline(text, year)
    assert deadline.text == text
    if deadline.parsed:
        assert deadline.start <= deadline.end
    else:
        assert deadline.start is None and deadline.end is None


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.integers(min_value=2000, max_value=2100))
def test_never_raises_on_deadline_like_text(text, year):
    deadline = parse_deadline(text, year)
    assert deadline.recurrence in {"once", "yearly", "quarterly", "monthly", "continuous"}
    if deadline.parsed:
        assert deadline.start <= deadline.end


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Август-Сентябрь- 2021 года", date(2021, 8, 1), date(2021, 9, 30)),
        ("август -сентябрь -2021г.", date(2021, 8, 1), date(2021, 9, 30)),
        ("Октябрь – – ноябрь 2021 г.", date(2021, 10, 1), date(2021, 11, 30)),
        ("- сентябрь - октябрь 2021 -", date(2021, 9, 1), date(2021, 10, 31)),
        ("Сентябрь  -  2021", date(2021, 9, 1), date(2021, 9, 30)),
    ],
)
def test_stray_dashes_and_year_words_are_read(text, start, end):
    deadline = parse_deadline(text, 2021)
    assert (deadline.start, deadline.end, deadline.parsed) == (start, end, True)
    assert deadline.names_months


def test_names_months_tells_month_words_from_other_text():
    assert parse_deadline("сентябрь (ежегодно)", 2023).names_months
    assert parse_deadline("к маю", 2023).names_months is False  # «маю» is not a form the parser reads
    assert parse_deadline("в течение учебного года", 2023).names_months is False
    assert parse_deadline("15.09.2023", 2023).names_months is False


MONTH_NAMES = ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март", "апрель", "май"]
NOISE = st.sampled_from(["-", " -", "- ", " - ", " – ", "—", " -- ", "- -"])


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=8),
    st.integers(min_value=0, max_value=8),
    NOISE,
    NOISE,
    st.sampled_from(["", " года", " г.", "г", " год"]),
    st.sampled_from([str.lower, str.capitalize, str.upper]),
)
def test_month_range_with_stray_dashes_reads_as_the_range(first, second, between, before_year, suffix, case):
    """«<month> - <month> - 2024 года» in any spacing and case is the range of those months, the
    year applying to the second month (and to the first, or the year before for a range over New Year)."""
    first, second = sorted((first, second))
    text = case(f"{MONTH_NAMES[first]}{between}{MONTH_NAMES[second]}{before_year}2024{suffix}")
    deadline = parse_deadline(text, 2023)
    second_month = (second + 8) % 12 + 1
    first_month = (first + 8) % 12 + 1
    first_year = 2024 if first_month <= second_month else 2023
    assert deadline.parsed
    assert deadline.start == date(first_year, first_month, 1)
    assert (deadline.end.year, deadline.end.month) == (2024, second_month)
