"""Key performance indicators of roadmap activities: the target read from the KPI as schools write
it, and the fact — typed by hand, or computed when the indicator is one the application knows.

`parse_target("не менее 2 представителей ОО")` → Target(2, "count", "представителей");
`parse_target("Программы реализованы не менее чем на 90 %")` → Target(90, "percent", "%").
Indicators the application computes are registered by the sections that hold their data
(`register_indicator`), so the roadmap imports none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from mentoring.lib import numbers

PERCENT, COUNT = "percent", "count"

_NUMBER = r"(\d{1,4}(?:[.,]\d{1,2})?)"
PERCENT_RE = re.compile(_NUMBER + r"\s*(?:%|процент)")
# «не менее 3 занятий», «не менее, чем 2 представителя», «минимум 4 встречи», «не менее трёх»
# is not read: a number written in words is left for the curator to enter.
COUNT_RE = re.compile(
    r"(?:не\s+менее|не\s+меньше|минимум|от)\s*,?\s*(?:чем\s+)?(?:на\s+)?" + _NUMBER + r"\s+([а-яё]+)"
)


@dataclass(frozen=True)
class Target:
    value: Decimal
    unit: str
    noun: str = ""


def parse_target(text: str) -> Target | None:
    """The target of a KPI text, or None when it names no number to reach."""
    clean = re.sub(r"\s+", " ", (text or "").lower().replace("ё", "е"))
    percent = PERCENT_RE.search(clean)
    if percent:
        value = _decimal(percent.group(1))
        return Target(value, PERCENT, "%") if value is not None and value <= 100 else None
    count = COUNT_RE.search(clean)
    if count:
        value = _decimal(count.group(1))
        return Target(value, COUNT, count.group(2)) if value is not None else None
    return None


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    # Does the activity's KPI (text, plus its title) name this indicator?
    pattern: re.Pattern
    # The value for a roadmap (its organization and academic year), or None when there is no data.
    compute: Callable[[object], Decimal | None]


INDICATORS: dict[str, Indicator] = {}


def register_indicator(key: str, label: str, unit: str, pattern: str, compute: Callable) -> None:
    INDICATORS[key] = Indicator(key, label, unit, re.compile(pattern), compute)


def indicator_for(activity) -> Indicator | None:
    """The registered indicator whose unit matches the activity's target and whose pattern its KPI names."""
    if activity.kpi_target is None:
        return None
    text = re.sub(r"\s+", " ", f"{activity.kpi} {activity.title}".lower().replace("ё", "е"))
    for indicator in INDICATORS.values():
        if indicator.unit == activity.kpi_unit and indicator.pattern.search(text):
            return indicator
    return None


@dataclass
class Fact:
    target: Decimal | None
    unit: str
    value: Decimal | None
    computed_by: str = ""

    @property
    def met(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target

    def show(self, value: Decimal | None) -> str:
        if value is None:
            return "—"
        number = f"{value.normalize():f}".replace(".", ",")
        return numbers.percent(number) if self.unit == PERCENT else number

    @property
    def plan_text(self) -> str:
        return self.show(self.target)

    @property
    def fact_text(self) -> str:
        return self.show(self.value)

    @property
    def met_text(self) -> str:
        return {True: "достигнут", False: "не достигнут", None: ""}[self.met]


def facts_for(roadmap, activities) -> None:
    """Set `activity.kpi_fact` on each activity: the computed value for a known indicator (each
    indicator computed once for the roadmap), else the value typed by hand."""
    cache: dict[str, Decimal | None] = {}
    for activity in activities:
        indicator = indicator_for(activity)
        if indicator is not None:
            if indicator.key not in cache:
                cache[indicator.key] = indicator.compute(roadmap)
            value, computed_by = cache[indicator.key], indicator.label
            if value is None:
                # No data for it yet: what the curator typed, if anything.
                value, computed_by = activity.kpi_actual, ""
        else:
            value, computed_by = activity.kpi_actual, ""
        activity.kpi_fact = Fact(activity.kpi_target, activity.kpi_unit, value, computed_by)
