"""The analytical note («аналитическая справка о качестве реализации программы наставничества»):
sentences, tables, conclusions and recommendations generated from the monitoring figures and the
results of the year's surveys. The sentences live in `templates/documents/wording/analytical_note/`
(their number filters in `note_tags`); this module gathers the figures and decides the thresholds.
"""

from __future__ import annotations

from datetime import date

from mentoring.lib import numbers
from mentoring.lib.wording import paragraphs, render_sections, render_wording
from people.models import Person
from reports.monitoring import indicators
from reports.monitoring.exports import Scope
from reports.monitoring.statistics import KPI_COMPLETION

SATISFACTION_TARGET = 8.0  # of 10: below it, the note recommends looking into the causes
RESPONSE_TARGET = 0.7


def percent(value: float | None) -> str:
    return numbers.share(value)


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def findings(m: indicators.Monitoring) -> list[str]:
    """The paragraphs of the note's body, each a sentence or two built from the figures."""
    f = m.figures
    coverage = [
        {"group": group, "part": part, "whole": whole}
        for group, part, whole in [
            ("teachers_under_35", f.teachers_under_35, m.staff_under_35),
            ("teachers_under_3_years", f.teachers_under_3_years, m.staff_under_3_years),
            ("students_mentees_10_18", f.students_mentees_10_18, m.students_10_18),
            ("students_mentors_15_18", f.students_mentors_15_18, m.students_15_18),
        ]
        if whole
    ]
    text = render_wording(
        "documents/wording/analytical_note/findings.txt",
        {"m": m, "f": f, "kpi_completion": KPI_COMPLETION, "coverage": coverage},
    )
    return paragraphs(text)


def conclusions(m: indicators.Monitoring, surveys: list[indicators.SurveySummary]) -> list[str]:
    """What the figures say and what to do next; each item is triggered by a figure."""
    f = m.figures
    share = f.programs_kpi_share
    satisfaction = m.survey_satisfaction if m.survey_satisfaction is not None else f.satisfaction
    response = m.answered / m.invited if m.invited else None
    growth = []
    for summary in surveys:
        deltas = [g.delta for g in summary.growth if g.delta is not None]
        if deltas:
            growth.append({"title": summary.campaign.title, "delta": sum(deltas) / len(deltas)})
    wording = render_sections(
        "documents/wording/analytical_note/conclusions.txt",
        {
            "kpi_completion": KPI_COMPLETION,
            "share": share,
            "kpi_reached": share is not None and share >= 0.9,
            "programs_short": f.programs - f.programs_kpi,
            "overdue": m.activities_due - m.activities_on_time,
            "young_out": m.staff_under_35 - f.teachers_under_35,
            "satisfaction": satisfaction,
            "satisfaction_target": SATISFACTION_TARGET,
            "satisfaction_low": satisfaction is not None and satisfaction < SATISFACTION_TARGET,
            "response": response,
            "response_low": response is not None and response < RESPONSE_TARGET,
            "growth": growth,
        },
    )
    return wording["conclusions"] or wording["otherwise"]


def curator_of(organization, author=None):
    """The person who signs the note as the programme's curator: the author of the note when they
    are a curator of the organization, otherwise its curator (the first by name); None if none."""
    curators = Person.objects.curators_of(organization)
    if author is not None:
        own = curators.filter(user=author).first()
        if own is not None:
            return own
    return curators.first()


def note_context(scope: Scope, today: date, author=None) -> dict:
    by_org = indicators.compute(scope.org_ids, scope.year, today)
    combined = indicators.total(by_org)
    surveys = indicators.survey_summaries(scope.org_ids, scope.year)
    org = scope.organizations[0] if not scope.several else None
    return {
        "scope": scope,
        "organization": org,
        "curator": curator_of(org, author) if org is not None else None,
        "year": scope.year,
        "today": today,
        "day": indicators.reference_day(scope.year, today),
        "rows": [
            (label, _format(value, kind), part, whole)
            for label, value, kind, part, whole in indicators.rows(combined)
        ],
        "forms": [
            (name, combined.figures.by_form[name])
            for name in indicators.statistics.form_names(combined.figures)
        ],
        "findings": findings(combined),
        "conclusions": conclusions(combined, surveys),
        "surveys": surveys,
        "per_org": [(o, by_org[o.pk]) for o in scope.organizations] if scope.several else [],
    }


def _format(value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "share":
        return percent(value)
    if kind == "score":
        return numbers.score(value)
    if kind == "ratio":
        return numbers.ratio(value)
    return str(value)
