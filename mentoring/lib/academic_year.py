"""The academic year («учебный год»): 1 September to 31 August, named by its first calendar year.

Every date arithmetic about academic years lives here; `people.AcademicYear` (the row other
records point at) delegates to it.
"""

from __future__ import annotations

from datetime import date, timedelta

FIRST_MONTH = 9  # September
# Classes end on 31 May: the natural planned end of a pair or a programme formed during the year.
CLASSES_END = (5, 31)


def start_year_of(day: date) -> int:
    """The academic year a day falls in, by its first calendar year: 31.08.2025 → 2024."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def first_day(start_year: int) -> date:
    return date(start_year, FIRST_MONTH, 1)


def last_day(start_year: int) -> date:
    return date(start_year + 1, FIRST_MONTH, 1) - timedelta(days=1)


def bounds(start_year: int) -> tuple[date, date]:
    """1 September and 31 August of the academic year."""
    return first_day(start_year), last_day(start_year)


def year_of_month(start_year: int, month: int) -> int:
    """The calendar year of a month inside the academic year: October → start_year, March → +1."""
    return start_year if month >= FIRST_MONTH else start_year + 1


def label(start_year: int) -> str:
    return f"{start_year}/{start_year + 1}"


def parse_label(text: str) -> int:
    """'2024/2025' → 2024; raises ValueError on anything else."""
    first, _, second = text.strip().partition("/")
    start, end = int(first), int(second)
    if end != start + 1:
        raise ValueError(f"«{text}» — не учебный год (ожидается, например, 2024/2025)")
    return start


def classes_end(start_year: int) -> date:
    return date(start_year + 1, *CLASSES_END)


def next_classes_end(day: date, *, at_least: timedelta = timedelta(days=30)) -> date:
    """The 31 May ending the classes under way, or the next one when fewer than `at_least` days
    remain: in summer and late May a new pair works through the coming school year."""
    start_year = start_year_of(day)
    end = classes_end(start_year)
    return end if end >= day + at_least else classes_end(start_year + 1)


def year_choices(
    today: date, *, back: int, ahead: int = 0, extra: tuple[int, ...] = ()
) -> list[tuple[str, str]]:
    """Choices for a year select, latest first: the current year, `back` years before it,
    `ahead` years after it and any `extra` start years (e.g. the one a record already has)."""
    current = start_year_of(today)
    years = {*range(current - back, current + ahead + 1), *extra}
    return [(str(y), label(y)) for y in sorted(years, reverse=True)]
