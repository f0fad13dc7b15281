"""The academic year runs 1 September – 31 August and is named by its first calendar year."""

from __future__ import annotations

from datetime import date

import pytest

from mentoring.lib import academic_year as years


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (date(2024, 9, 1), 2024),
        (date(2024, 12, 31), 2024),
        (date(2025, 1, 1), 2024),
        (date(2025, 7, 15), 2024),
        (date(2025, 8, 31), 2024),
        (date(2025, 9, 1), 2025),
    ],
)
def test_a_day_belongs_to_the_year_that_began_on_the_last_first_of_september(day, start_year):
    assert years.start_year_of(day) == start_year


def test_bounds_and_label():
    assert years.bounds(2024) == (date(2024, 9, 1), date(2025, 8, 31))
    assert years.label(2024) == "2024/2025"
    assert years.parse_label(" 2024/2025 ") == 2024
    with pytest.raises(ValueError):
        years.parse_label("2024/2026")


def test_months_of_the_year_fall_in_its_two_calendar_years():
    assert years.year_of_month(2024, 9) == 2024
    assert years.year_of_month(2024, 12) == 2024
    assert years.year_of_month(2024, 1) == 2025
    assert years.year_of_month(2024, 8) == 2025


@pytest.mark.parametrize(
    ("today", "end"),
    [
        (date(2024, 10, 1), date(2025, 5, 31)),
        (date(2025, 4, 30), date(2025, 5, 31)),
        # Under a month of classes left, and all summer: the coming school year's end.
        (date(2025, 5, 15), date(2026, 5, 31)),
        (date(2025, 6, 1), date(2026, 5, 31)),
        (date(2025, 7, 15), date(2026, 5, 31)),
        (date(2025, 8, 31), date(2026, 5, 31)),
    ],
)
def test_next_classes_end_is_never_before_the_day(today, end):
    assert years.next_classes_end(today) == end


def test_year_choices_latest_first_with_the_extra_year():
    choices = years.year_choices(date(2025, 7, 15), back=2, ahead=1, extra=(2015,))
    assert choices == [
        ("2025", "2025/2026"),
        ("2024", "2024/2025"),
        ("2023", "2023/2024"),
        ("2022", "2022/2023"),
        ("2015", "2015/2016"),
    ]


@pytest.mark.django_db
def test_the_academic_year_record_agrees():
    from people.models import AcademicYear

    year = AcademicYear.objects.for_date(date(2025, 8, 31))
    assert (year.start_year, year.label) == (2024, "2024/2025")
    assert (year.starts_on, year.ends_on) == years.bounds(2024)
    assert AcademicYear.objects.for_date(date(2025, 9, 1)).start_year == 2025
