"""Every indicator a row of a statistical form may show, and its values for an export.

A region's form picks its rows from this catalogue by key. Besides the statistical form's own
counts (`statistics.Figures`) it holds what the monitoring page computes: its indicators
(`indicators.Monitoring`: meetings per pair, shares of young teachers and students taking part,
of students at the class hours, representatives at contests, survey results…), the figures of
mentor training groups and diagnostic surveys (as the roadmap's KPIs count them), and the
breakdowns by mentee category and by form of mentoring.

Everything is kept as counts, numerators and denominators per organization, so the figures of
several organizations add up: a share of a municipality is Σ numerators / Σ denominators, a mean
Σ scores / Σ answers, never the mean of the schools' shares. `compute` costs a fixed number of
grouped queries whatever the number of organizations: the kept yearly figures (one query when
fresh; training groups, diagnostics and the breakdowns are among them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from people.models import AcademicYear, Mentee, MentoringForm
from reports.monitoring import breakdowns, indicators, statistics
from reports.monitoring.statistics import YOUNG_TEACHER_AGE, YOUNG_TEACHER_EXPERIENCE


@dataclass
class Source:
    """What one organization's (or several organizations' summed) rows are read from."""

    monitoring: indicators.Monitoring = field(default_factory=indicators.Monitoring)

    def add(self, other: Source) -> None:
        self.monitoring.add(other.monitoring)

    def line(self, group: str, key) -> breakdowns.Line:
        m = self.monitoring
        lines = m.category_lines if group == "category" else m.form_lines
        return lines.get(key) or breakdowns.Line("")


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    kind: str  # "int", "share", "score" or "ratio"
    value: Callable[[Source], object]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 1) if whole else None


def _figure(attr: str) -> Callable[[Source], object]:
    return lambda s: getattr(s.monitoring.figures, attr)


def _monitored(attr: str) -> Callable[[Source], object]:
    return lambda s: getattr(s.monitoring, attr)


def _shared(part: str, whole: str) -> Callable[[Source], object]:
    """Σ part / Σ whole, each read from the monitoring or, failing that, the form's figures."""

    def read(s: Source, name: str) -> int:
        return (
            getattr(s.monitoring, name)
            if hasattr(s.monitoring, name)
            else getattr(s.monitoring.figures, name)
        )

    return lambda s: _share(read(s, part), read(s, whole))


# The monitoring page's indicators that are not the statistical form's (key, label, kind, value).
MONITORING: list[tuple[str, str, str, Callable[[Source], object]]] = [
    ("meetings", "Встреч за учебный год", "int", _monitored("meetings")),
    (
        "meetings_per_pair",
        "Встреч на одну пару (группу), начавшую работу",
        "ratio",
        lambda s: _ratio(s.monitoring.meetings, s.monitoring.pairs_working),
    ),
    (
        "survey_satisfaction",
        "Удовлетворённость по анкетам завершения программы (из 10)",
        "score",
        _monitored("survey_satisfaction"),
    ),
    (
        "satisfied_share",
        "Доля удовлетворённых оценок (8–10 из 10, 4–5 из 5)",
        "share",
        _shared("satisfied", "satisfaction_answers"),
    ),
    (
        "activities_on_time_share",
        "Мероприятий дорожной карты выполнено в срок",
        "share",
        _shared("activities_on_time", "activities_due"),
    ),
    (
        "teachers_under_35_share",
        f"Доля педагогов до {YOUNG_TEACHER_AGE} лет, участвующих в программе",
        "share",
        _shared("teachers_under_35", "staff_under_35"),
    ),
    (
        "teachers_under_3_years_share",
        f"Доля педагогов со стажем менее {YOUNG_TEACHER_EXPERIENCE} лет, участвующих в программе",
        "share",
        _shared("teachers_under_3_years", "staff_under_3_years"),
    ),
    (
        "students_mentees_10_18_share",
        "Доля обучающихся 10–18 лет — наставляемых",
        "share",
        _shared("students_mentees_10_18", "students_10_18"),
    ),
    (
        "students_mentors_15_18_share",
        "Доля обучающихся 15–18 лет — наставников",
        "share",
        _shared("students_mentors_15_18", "students_15_18"),
    ),
    (
        "class_hour_share",
        "Доля обучающихся на тематических классных часах",
        "share",
        _shared("class_hour_present", "class_hour_students"),
    ),
    (
        "contest_representatives",
        "Представителей организации на конкурсах",
        "int",
        _monitored("contest_representatives"),
    ),
    ("campaigns", "Анкетирований проведено", "int", _monitored("campaigns")),
    ("answered_share", "Доля ответивших на анкеты", "share", _shared("answered", "invited")),
    ("training_groups", "Групп обучения наставников", "int", _monitored("training_groups")),
    (
        "training_sessions_per_group",
        "Занятий на одну группу обучения наставников",
        "ratio",
        lambda s: _ratio(s.monitoring.training_sessions, s.monitoring.training_groups),
    ),
    (
        "training_groups_done_share",
        "Доля групп обучения наставников, проведших все занятия программы",
        "share",
        _shared("training_groups_done", "training_groups"),
    ),
    (
        "diagnosed_share",
        "Доля участников, прошедших диагностику",
        "share",
        _shared("diagnostic_answered", "diagnostic_asked"),
    ),
]

# The breakdowns: measure → (kind, label by category, label by form of mentoring).
MEASURES = {
    "mentees": ("int", "Наставляемых категории «{}»", "Наставляемых в форме «{}»"),
    "pairs": ("int", "Пар и групп с наставляемыми категории «{}»", "Пар и групп формы «{}»"),
    "meetings": (
        "int",
        "Встреч проведено в парах и группах с наставляемыми категории «{}»",
        "Встреч проведено в парах и группах формы «{}»",
    ),
    "satisfaction": (
        "score",
        "Удовлетворённость встречами наставляемых категории «{}» (1–10)",
        "Удовлетворённость встречами в форме «{}» (1–10)",
    ),
}


def _breakdown(group: str, key, measure: str) -> Callable[[Source], object]:
    return lambda s: getattr(s.line(group, key), measure)


def catalogue() -> dict[str, Indicator]:
    """Every indicator by key, in the order an editor lists them (one query: the forms of mentoring)."""
    items = [Indicator(key, label, kind, _figure(key)) for key, label, kind in statistics.INDICATORS]
    items += [Indicator(key, label, kind, value) for key, label, kind, value in MONITORING]
    for value, name in Mentee.Category.choices:
        for measure, (kind, label, _) in MEASURES.items():
            key = f"category:{value}:{measure}"
            items.append(Indicator(key, label.format(name), kind, _breakdown("category", value, measure)))
    for pk, name in MentoringForm.objects.order_by("position", "name").values_list("pk", "name"):
        for measure, (kind, _, label) in MEASURES.items():
            items.append(
                Indicator(f"form:{pk}:{measure}", label.format(name), kind, _breakdown("form", pk, measure))
            )
    return {item.key: item for item in items}


def choices() -> list[tuple[str, str]]:
    return [(key, item.label) for key, item in catalogue().items()]


def compute(
    org_ids: Sequence[int],
    year: AcademicYear,
    today: date,
    kept: dict[int, indicators.Monitoring] | None = None,
) -> dict[int, Source]:
    """What a statistical form's rows are read from, per organization id (each requested one has
    an entry); `kept`: the kept yearly figures, when the caller has read them already."""
    from reports.monitoring.figures import year_figures

    org_ids = list(org_ids)
    if kept is None:
        kept = year_figures(org_ids, year, today)
    return {org_id: Source(monitoring=kept[org_id]) for org_id in org_ids}


def total(sources: dict[int, Source]) -> Source:
    combined = Source()
    for source in sources.values():
        combined.add(source)
    return combined


def values(lines: Sequence[statistics.FormLine], source: Source, known: dict[str, Indicator]) -> list:
    """The value of each line (None for an indicator the catalogue no longer has)."""
    return [known[line.indicator].value(source) if line.indicator in known else None for line in lines]
