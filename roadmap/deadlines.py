"""Deadlines («сроки») as schools write them, read into a date window.

`parse_deadline("Октябрь - ноябрь 2021 года", 2021)` → 01.10.2021–30.11.2021. The text is kept as
written; the window, recurrence and on-demand flag are derived relative to the academic year that
starts on 1 September of `year_start`. Unreadable text gives `parsed=False` and no window; the
function never raises.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from mentoring.lib import academic_year as years

ONCE, YEARLY, QUARTERLY, MONTHLY, CONTINUOUS = "once", "yearly", "quarterly", "monthly", "continuous"
RECURRENCES = (ONCE, YEARLY, QUARTERLY, MONTHLY, CONTINUOUS)

# Stems match every case a month is written in: «сентябрь», «сентября», «сентябре».
MONTH_STEMS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_MONTH_WORD = r"(?<![а-я])(январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?|августе|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"

CONTINUOUS_RE = re.compile(
    r"в течени[еи]\s+(всего\s+)?(\d{4}\s*-\s*\d{4}\s+)?(учебного\s+)?(года|периода)"
    r"|весь\s+(учебный\s+)?(год|период)|постоянно|в течени[еи]\s+всего\s+срока"
)
QUARTERLY_RE = re.compile(r"(1|один|одного)\s+раз[а]?\s+в\s+четверть|ежеквартальн|раз\s+в\s+квартал")
MONTHLY_RE = re.compile(r"ежемесячн|(1|один)\s+раз\s+в\s+месяц")
YEARLY_RE = re.compile(r"ежегодн|(1|один)\s+раз\s+в\s+год")
ON_DEMAND_RE = re.compile(r"по\s+мере\s+необходимости|по\s+запрос|при\s+необходимости")

# One date-like item: «15.09.2023», «05.09. 2024», «15.09», «1 сентября 2023», «сентябрь 2023».
ITEM_RE = re.compile(
    r"(?P<until>\bдо\s+(?P<end_of>конца\s+)?)?(?:"
    r"(?P<d>\d{1,2})\s*\.\s*(?P<m>\d{1,2})(?:\s*\.\s*(?P<y>\d{4}|\d{2}(?!\d)))?"
    r"|(?P<dn>\d{1,2})\s+(?P<mn>" + _MONTH_WORD + r")(?:\s+(?P<yn>\d{4}))?"
    r"|(?P<mo>" + _MONTH_WORD + r")(?:\s+(?P<yo>\d{4}))?"
    r")(?![а-я])"
)
# «1-15 сентября», «с 1 по 15 сентября»: the month written once applies to both days.
DAY_RANGE_RE = re.compile(r"(?<![\d.])(\d{1,2})\s*(-|по)\s*(\d{1,2})\s+" + _MONTH_WORD)
YEAR_WORDS_RE = re.compile(r"(?<=\d)\s*(?:года|год|гг|г)(?![а-я])\.?")
DASHES_RE = re.compile(r"[‐‑‒–—―−]")
# Stray dashes: «Август-Сентябрь- 2021 года» (a dash between the last month and its year),
# «сентябрь - - октябрь», a dash left at either end of the cell.
DASH_BEFORE_YEAR_RE = re.compile(r"(?<=[а-я])\s*-\s*(?=\d{4}(?!\d))")
DASH_RUN_RE = re.compile(r"-(?:\s*-)+")


@dataclass(frozen=True)
class Deadline:
    text: str
    start: date | None = None
    end: date | None = None
    recurrence: str = ONCE
    on_demand: bool = False
    parsed: bool = False
    names_months: bool = False

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "recurrence": self.recurrence,
            "on_demand": self.on_demand,
        }


@dataclass
class _Item:
    day: int | None
    month: int
    year: int | None
    until: bool
    end_of: bool = False


def _month_number(word: str) -> int:
    for stem, number in sorted(MONTH_STEMS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem):
            return number
    raise AssertionError(word)  # the regex only matches month words


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _normalize(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = DASHES_RE.sub("-", text)
    text = YEAR_WORDS_RE.sub("", text)
    text = DASH_RUN_RE.sub("-", text)
    text = DASH_BEFORE_YEAR_RE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" -")


def _items(text: str) -> list[_Item]:
    items = []
    for match in ITEM_RE.finditer(DAY_RANGE_RE.sub(r"\1 \4 - \3 \4", text)):
        until = bool(match.group("until")) and not match.group("end_of")
        if match.group("d"):
            year = match.group("y")
            if year and len(year) == 2:
                year = "20" + year
            items.append(
                _Item(int(match.group("d")), int(match.group("m")), int(year) if year else None, until)
            )
        elif match.group("dn"):
            year = match.group("yn")
            items.append(
                _Item(
                    int(match.group("dn")),
                    _month_number(match.group("mn")),
                    int(year) if year else None,
                    until,
                )
            )
        else:
            year = match.group("yo")
            month = _month_number(match.group("mo"))
            items.append(_Item(None, month, int(year) if year else None, until, bool(match.group("end_of"))))
    return items


def _assign_years(items: list[_Item], year_start: int) -> None:
    """A year written once at the end of a range or list applies to the parts before it;
    a month with no year at all is its occurrence inside the academic year."""
    following: int | None = None
    following_month = 13
    for item in reversed(items):
        if item.year is not None:
            following, following_month = item.year, item.month
            continue
        if following is not None:
            # «декабрь – январь 2022»: December belongs to the year before January.
            item.year = following - 1 if item.month > following_month else following
            following_month = item.month
        else:
            item.year = years.year_of_month(year_start, item.month)


def _window(item: _Item, year_start: int) -> tuple[date, date] | None:
    if item.day is not None:
        day = _safe_date(item.year, item.month, item.day)
        if day is None:
            return None
        if item.until:
            return min(years.first_day(year_start), day), day
        return day, day
    first = _safe_date(item.year, item.month, 1)
    if first is None:
        return None
    if item.until:
        before = first - timedelta(days=1)
        return min(years.first_day(year_start), before), before
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if item.end_of:
        # «до конца сентября»: from the start of the year to the last day of September.
        return min(years.first_day(year_start), first), last
    return first, last


def parse_deadline(text: str, year_start: int) -> Deadline:
    """The window of a deadline written as free text, for the academic year `year_start`/+1."""
    original = text if isinstance(text, str) else str(text)
    clean = _normalize(original)
    year_first, year_last = years.bounds(year_start)

    continuous_match = CONTINUOUS_RE.search(clean)
    continuous = continuous_match is not None
    if continuous_match and continuous_match.group(2):
        # «в течение 2021-2022 учебного года»: the year written in the text wins.
        named = int(continuous_match.group(2).split("-")[0])
        if 1900 <= named <= 2200:
            year_first, year_last = years.bounds(named)
    quarterly = bool(QUARTERLY_RE.search(clean))
    monthly = bool(MONTHLY_RE.search(clean))
    yearly = bool(YEARLY_RE.search(clean))
    on_demand = bool(ON_DEMAND_RE.search(clean))
    # The academic year named inside «в течение 2021-2022 учебного года» is not a date item.
    items = _items(CONTINUOUS_RE.sub(" ", clean))
    names_months = re.search(_MONTH_WORD + r"(?![а-я])", clean) is not None
    _assign_years(items, year_start)
    windows = [w for w in (_window(item, year_start) for item in items) if w is not None]

    if continuous:
        recurrence = CONTINUOUS
    elif quarterly:
        recurrence = QUARTERLY
    elif monthly:
        recurrence = MONTHLY
    elif yearly:
        recurrence = YEARLY
    else:
        recurrence = ONCE

    if windows:
        start = min(w[0] for w in windows)
        end = max(w[1] for w in windows)
        if continuous:
            # «сентябрь-октябрь (далее – в течение года)»: from the first date to the end of the year.
            end = max(end, year_last)
        return Deadline(original, start, end, recurrence, on_demand, True, names_months)
    if continuous or quarterly or monthly or yearly or on_demand:
        return Deadline(original, year_first, year_last, recurrence, on_demand, True, names_months)
    return Deadline(original, names_months=names_months)


def listed_windows(text: str, year_start: int) -> list[tuple[date, date]]:
    """The windows of a deadline that lists separate dates or months («май, сентябрь»), one per
    item; empty for a single date or a range («октябрь – ноябрь»), whose one window is enough."""
    clean = _normalize(text if isinstance(text, str) else str(text))
    if "-" in clean:
        return []
    items = _items(CONTINUOUS_RE.sub(" ", clean))
    _assign_years(items, year_start)
    windows = [w for w in (_window(item, year_start) for item in items) if w is not None]
    return sorted(set(windows)) if len(set(windows)) > 1 else []


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def occurrence_windows(
    recurrence: str, start: date | None, end: date | None, text: str, year_start: int
) -> list[tuple[date, date]]:
    """The separate due windows of an activity that is done more than once: each month of its
    window («ежемесячно»), each three months («1 раз в четверть», due by the end of every third
    month, as the calendar feed repeats it), or each listed date or month («май, сентябрь»).
    Empty for an activity done once, or continuously."""
    if recurrence in (MONTHLY, QUARTERLY) and start and end:
        step = 1 if recurrence == MONTHLY else 3
        windows, first = [], start
        while first <= end:
            last = min(month_end(months_later(first, step - 1)), end)
            windows.append((first, last))
            first = last + timedelta(days=1)
        return windows if len(windows) > 1 else []
    if recurrence == CONTINUOUS:
        return []
    return listed_windows(text, year_start)
