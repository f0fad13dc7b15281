"""The analytical note («аналитическая справка о качестве реализации программы наставничества»):
sentences, tables, conclusions and recommendations generated from the monitoring figures and the
results of the year's surveys.
"""

from __future__ import annotations

from datetime import date

from reports.monitoring import indicators
from reports.monitoring.exports import Scope
from reports.monitoring.statistics import KPI_COMPLETION

SATISFACTION_TARGET = 8.0  # of 10: below it, the note recommends looking into the causes
RESPONSE_TARGET = 0.7


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %".replace(".", ",")


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _count(n: int, one: str, few: str, many: str) -> str:
    """«1 пара», «3 пары», «11 пар»."""
    tail = n % 100
    if 11 <= tail <= 14:
        word = many
    elif n % 10 == 1:
        word = one
    elif 2 <= n % 10 <= 4:
        word = few
    else:
        word = many
    return f"{n} {word}"


def findings(m: indicators.Monitoring) -> list[str]:
    """The paragraphs of the note's body, each a sentence or two built from the figures."""
    f = m.figures
    text = [
        f"В программе наставничества участвовали {_count(f.mentors, 'наставник', 'наставника', 'наставников')} "
        f"и {_count(f.mentees, 'наставляемый', 'наставляемых', 'наставляемых')}. "
        f"Сформировано {_count(f.pairs_total, 'пара (группа)', 'пары (группы)', 'пар (групп)')}: "
        f"действует {f.pairs_active}, завершено {f.pairs_completed}, прекращено досрочно {f.pairs_terminated}, "
        f"в стадии проекта {f.pairs_project}."
    ]
    if m.pairs_working:
        text.append(
            f"Проведено {_count(m.meetings, 'встреча', 'встречи', 'встреч')}, "
            f"в среднем {number(m.meetings_per_pair)} на пару (группу), начавшую работу."
        )
    if f.programs:
        text.append(
            f"Из {_count(f.programs, 'персонализированной программы', 'персонализированных программ', 'персонализированных программ')} "
            f"с планом не менее чем на {KPI_COMPLETION} % реализованы {f.programs_kpi} ({percent(f.programs_kpi_share)})."
        )
    if f.feedback_count:
        text.append(
            f"По {_count(f.feedback_count, 'отзыву', 'отзывам', 'отзывам')} участников о встречах средние оценки: "
            f"польза — {number(f.usefulness)}, комфорт — {number(f.comfort)}, ясность следующих шагов — "
            f"{number(f.clarity)} из 10."
        )
    if m.activities_due:
        text.append(
            f"Из {m.activities_due} мероприятий дорожной карты, срок которых наступил, в срок выполнено "
            f"{m.activities_on_time} ({percent(m.activities_on_time / m.activities_due)})."
        )
    coverage = [
        ("педагогов в возрасте до 35 лет", f.teachers_under_35, m.staff_under_35),
        ("педагогов со стажем менее 3 лет", f.teachers_under_3_years, m.staff_under_3_years),
        ("обучающихся 10–18 лет участвуют как наставляемые", f.students_mentees_10_18, m.students_10_18),
        ("обучающихся 15–18 лет участвуют как наставники", f.students_mentors_15_18, m.students_15_18),
    ]
    parts = [
        f"{part} из {whole} {label} ({percent(part / whole)})" for label, part, whole in coverage if whole
    ]
    if parts:
        text.append("Охват программой: " + "; ".join(parts) + ".")
    if m.campaigns:
        text.append(
            f"Проведено {_count(m.campaigns, 'анкетирование', 'анкетирования', 'анкетирований')}; "
            f"ответили {m.answered} из {m.invited} адресатов ({percent(m.answered / m.invited if m.invited else None)})."
        )
    if m.survey_satisfaction is not None:
        text.append(
            f"Удовлетворённость участников по анкетам завершения программы — {number(m.survey_satisfaction)} из 10; "
            f"удовлетворённых оценок {percent(m.satisfied / m.satisfaction_answers)}."
        )
    return text


def conclusions(m: indicators.Monitoring, surveys: list[indicators.SurveySummary]) -> list[str]:
    """What the figures say and what to do next; each item is triggered by a figure."""
    f = m.figures
    result = []
    share = f.programs_kpi_share
    if share is not None:
        if share >= 0.9:
            result.append(
                f"Показатель «программы реализованы не менее чем на {KPI_COMPLETION} %» достигнут у {percent(share)} "
                "программ: работу пар можно считать результативной."
            )
        else:
            result.append(
                f"Не менее чем на {KPI_COMPLETION} % реализованы только {percent(share)} программ: проанализировать "
                f"причины невыполнения планов в {f.programs - f.programs_kpi} программах и скорректировать их сроки."
            )
    overdue = m.activities_due - m.activities_on_time
    if overdue > 0:
        result.append(
            f"Не выполнены в срок {_count(overdue, 'мероприятие', 'мероприятия', 'мероприятий')} дорожной карты: "
            "назначить новые сроки и ответственных."
        )
    young_out = m.staff_under_35 - f.teachers_under_35
    if young_out > 0:
        result.append(
            f"{_count(young_out, 'педагог', 'педагога', 'педагогов')} в возрасте до 35 лет не участвуют в программе: "
            "провести с ними анкетирование наставляемых (запросы) и предложить наставника."
        )
    satisfaction = m.survey_satisfaction if m.survey_satisfaction is not None else f.satisfaction
    if satisfaction is not None and satisfaction < SATISFACTION_TARGET:
        result.append(
            f"Удовлетворённость участников ({number(satisfaction)} из 10) ниже целевого уровня "
            f"{number(SATISFACTION_TARGET)}: обсудить с наставниками трудности, названные в отзывах и анкетах."
        )
    if m.invited and m.answered / m.invited < RESPONSE_TARGET:
        result.append(
            f"На анкеты ответили {percent(m.answered / m.invited)} адресатов: напомнить участникам об анкетировании, "
            "проводить его на итоговых встречах."
        )
    for summary in surveys:
        grown = [g for g in summary.growth if g.delta is not None]
        if grown:
            mean_delta = sum(g.delta for g in grown) / len(grown)
            trend = "выросли" if mean_delta > 0 else "снизились" if mean_delta < 0 else "не изменились"
            result.append(
                f"По сравнению с началом программы оценки участников в анкетировании «{summary.campaign.title}» "
                f"{trend} (в среднем {'+' if mean_delta > 0 else ''}{number(mean_delta)} балла)."
            )
    if not result:
        result.append(
            "Показатели программы соответствуют целевым значениям; продолжить работу в прежнем порядке."
        )
    return result


def note_context(scope: Scope, today: date) -> dict:
    by_org = indicators.compute(scope.org_ids, scope.year, today)
    combined = indicators.total(by_org)
    surveys = indicators.survey_summaries(scope.org_ids, scope.year)
    org = scope.organizations[0] if not scope.several else None
    return {
        "scope": scope,
        "organization": org,
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
    if kind in ("score", "ratio"):
        return number(value)
    return str(value)
