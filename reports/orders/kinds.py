"""The wording of each kind of order, generated from the organization's data.

`build(order)` returns the title, preamble and points for an order of its kind from the people
named in it (with the declined forms the curator corrected) and its parameters. The curator then
edits the wording before sending it for signature.
"""

from __future__ import annotations

from collections.abc import Callable

from mentoring.lib.declension import Case, decline_position
from reports.orders.models import Order, OrderPerson

LEGAL_BASIS = (
    "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
    "Федерации», распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 "
    "«Об утверждении методологии (целевой модели) наставничества обучающихся для организаций, "
    "осуществляющих образовательную деятельность по общеобразовательным, дополнительным "
    "общеобразовательным и программам среднего профессионального образования, в том числе с "
    "применением лучших практик обмена опытом между обучающимися»"
)


def _student_descriptor(person, case: Case) -> str:
    forms = {
        (Case.DATIVE, "m"): "обучающемуся",
        (Case.DATIVE, "f"): "обучающейся",
        (Case.ACCUSATIVE, "m"): "обучающегося",
        (Case.ACCUSATIVE, "f"): "обучающуюся",
        (Case.INSTRUMENTAL, "m"): "обучающимся",
        (Case.INSTRUMENTAL, "f"): "обучающейся",
        (Case.GENITIVE, "m"): "обучающегося",
        (Case.GENITIVE, "f"): "обучающейся",
    }
    word = forms.get((case, person.gender), "обучающийся")
    return f"{word} {person.school_class} класса" if person.school_class else word


def describe(person, case: Case) -> str:
    """The person's position (or class) in `case`: «учителю математики», «обучающейся 7Б класса»."""
    if person.kind == person.Kind.STUDENT:
        return _student_descriptor(person, case)
    return decline_position(person.position, case) if person.position else ""


def named(entry: OrderPerson) -> str:
    """«Иванову Марию Петровну, учителя математики» — the name and position in the entry's case."""
    description = describe(entry.person, entry.case)
    return f"{entry.name_in_text}, {description}" if description else entry.name_in_text


def executor_of(order: Order) -> tuple[str, str]:
    """(«Нечесова А.А.», «Нечесова Анна Андреевна, +7 …») — the curator who drafted the order."""
    person = None
    if order.created_by_id:
        person = order.created_by.persons.filter(organization_id=order.organization_id).first()
    if person is None:
        return "", ""
    mark = person.full_name + (f", {person.phone}" if person.phone else "")
    return person.short_name, mark


def _year(order: Order) -> str:
    return order.params.get("academic_year", "")


def build_launch(order: Order) -> dict:
    short = order.organization.short_name
    year = _year(order)
    curator = order.people.filter(role=OrderPerson.Role.CURATOR).select_related("person").first()
    executor, _ = executor_of(order)
    if curator:
        executor = curator.person.short_name
    points = [
        {
            "text": f"Утвердить Положение о системе наставничества педагогических работников {short} (приложение 1)."
        },
        {
            "text": "Утвердить дорожную карту (план мероприятий) по реализации Положения о системе "
            f"наставничества педагогических работников {short} на {year} учебный год (приложение 2)."
        },
    ]
    if curator:
        points.append({"text": f"Назначить куратором реализации программ наставничества {named(curator)}."})
    points += [
        {
            "text": "Куратору реализации программ наставничества обеспечить выполнение мероприятий "
            "дорожной карты и персонифицированный учёт участников программ наставничества.",
            "executor": executor,
            "deadline": f"в течение {year} учебного года",
        },
        {
            "text": "Разместить настоящий приказ, Положение о системе наставничества и дорожную карту "
            "на официальном сайте в разделе «Наставничество».",
            "executor": executor,
            "deadline": "в течение 10 рабочих дней со дня подписания приказа",
        },
    ]
    return {
        "title": "Об утверждении Положения о системе наставничества педагогических работников и "
        "дорожной карты, о назначении куратора",
        "preamble": f"{LEGAL_BASIS}, в целях реализации целевой модели наставничества в {short}",
        "points": points,
    }


REWARD_LEAD = {
    OrderPerson.Reward.THANKS: "Объявить благодарность",
    OrderPerson.Reward.CERTIFICATE: "Наградить почётной грамотой",
    OrderPerson.Reward.LETTER: "Вручить благодарственное письмо",
}


def build_reward(order: Order) -> dict:
    short = order.organization.short_name
    year = _year(order)
    merit = (
        order.params.get("merit")
        or f"за активное участие в реализации программы наставничества в {year} учебном году"
    )
    executor, _ = executor_of(order)
    entries = list(order.people.filter(role=OrderPerson.Role.REWARDED).select_related("person"))
    points = []
    for reward in OrderPerson.Reward:
        group = [e for e in entries if e.reward == reward]
        if not group:
            continue
        lines = [f"— {named(e)}{(' ' + e.merit) if e.merit else ''};" for e in group]
        lines[-1] = lines[-1][:-1] + "."
        points.append({"text": f"{REWARD_LEAD[reward]} {merit}:\n" + "\n".join(lines)})
    points.append(
        {
            "text": "Разместить информацию о поощрении участников наставнической деятельности на "
            "официальном сайте в разделе «Наставничество».",
            "executor": executor,
            "deadline": "в течение 5 рабочих дней со дня подписания приказа",
        }
    )
    return {
        "title": "О поощрении участников наставнической деятельности",
        "preamble": f"В соответствии с Положением о системе наставничества педагогических работников {short}, "
        f"по итогам реализации программ наставничества в {year} учебном году, в целях поощрения "
        "участников наставнической деятельности",
        "points": points,
    }


# Pairs, programmes and completion ---------------------------------------------------------


def _pairs(order: Order) -> list:
    from django.db.models import Prefetch

    from pairs.models import PairMentee, PairMentor

    links = order.pair_links.select_related("pair__form", "pair__type").prefetch_related(
        Prefetch("pair__pair_mentors", PairMentor.objects.select_related("mentor__person")),
        Prefetch("pair__pair_mentees", PairMentee.objects.select_related("mentee__person")),
        "pair__program__items",
    )
    return [link.pair for link in links]


def program_of(pair):
    from pairs.models import Program

    try:
        return pair.program
    except Program.DoesNotExist:
        return None


def _entries(order: Order) -> dict[tuple[int, str], OrderPerson]:
    return {(e.person_id, e.role): e for e in order.people.select_related("person")}


def _mentors(pair) -> list:
    return [link.mentor.person for link in pair.pair_mentors.all()]


def _mentees(pair) -> list:
    return [link.mentee.person for link in pair.pair_mentees.all()]


def _plain(person) -> str:
    return person.school_class and f"{person.school_class} класс" or person.position


def _period(pair) -> str:
    return f"с {pair.planned_start:%d.%m.%Y} по {pair.planned_end:%d.%m.%Y}"


def _named_people(people, role: str, entries) -> str:
    return ", ".join(named(entries[(p.pk, role)]) for p in people if (p.pk, role) in entries)


def _group_rows(before: list[str], per_mentee: list[list[str]], after: list[str]) -> list[list]:
    """One table row per mentee; the pair's own cells span the rows of its group."""
    span = max(len(per_mentee), 1)
    spanned = [{"text": text, "rowspan": span} if span > 1 else text for text in before + after]
    rows = []
    for i, cells in enumerate(per_mentee or [["", ""]]):
        if i == 0:
            rows.append(spanned[: len(before)] + cells + spanned[len(before) :])
        else:
            rows.append({"continued": True, "cells": cells})
    return rows


def _appendix(title: str, columns: list[str], rows: list[list[str]]) -> dict:
    return {"caption": "Приложение", "title": title, "columns": columns, "rows": rows}


def build_pairs(order: Order) -> dict:
    short = order.organization.short_name
    year = _year(order)
    executor, _ = executor_of(order)
    entries = _entries(order)
    pairs = _pairs(order)
    lines = []
    rows = []
    for number, pair in enumerate(pairs, start=1):
        mentors, mentees = _mentors(pair), _mentees(pair)
        consent = (
            f"письменное согласие наставника от {pair.mentor_consent_on:%d.%m.%Y}"
            if pair.mentor_consent_on
            else "письменное согласие наставника не представлено"
        )
        lines.append(
            f"— {_named_people(mentees, OrderPerson.Role.MENTEE, entries)} — "
            f"за {_named_people(mentors, OrderPerson.Role.MENTOR, entries)} "
            f"(форма наставничества «{pair.form.name}», {_period(pair)}; {consent});"
        )
        rows += _group_rows(
            [
                str(number),
                "\n".join(p.full_name for p in mentors),
                "\n".join(p.position for p in mentors),
            ],
            [[p.full_name, _plain(p)] for p in mentees],
            [
                f"{pair.form.name}, {pair.type.name.lower()}",
                f"{pair.planned_start:%d.%m.%Y} – {pair.planned_end:%d.%m.%Y}",
            ],
        )
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    points = [
        {
            "text": "Закрепить наставнические пары (группы) в составе согласно приложению:\n"
            + "\n".join(lines)
        },
        {
            "text": "Наставникам разработать совместно с наставляемыми персонализированные программы "
            "наставничества (индивидуальные образовательные маршруты) и представить их куратору.",
            "executor": executor,
            "deadline": "в течение 14 календарных дней со дня подписания приказа",
        },
        {
            "text": "Куратору реализации программ наставничества обеспечить персонифицированный учёт и "
            "мониторинг работы наставнических пар (групп).",
            "executor": executor,
            "deadline": f"в течение {year} учебного года",
        },
    ]
    return {
        "title": "О закреплении наставнических пар (групп)",
        "preamble": f"В соответствии с Положением о системе наставничества педагогических работников {short}, "
        "на основании письменных согласий наставников на выполнение дополнительной работы и согласий "
        "наставляемых (законных представителей несовершеннолетних) на участие в программе наставничества "
        "и обработку персональных данных, в целях реализации целевой модели наставничества "
        f"в {year} учебном году",
        "points": points,
        "appendix": _appendix(
            "Состав наставнических пар (групп)",
            [
                "№",
                "Наставник",
                "Должность",
                "Наставляемый",
                "Должность или класс",
                "Форма наставничества",
                "Срок",
            ],
            rows,
        ),
    }


def _program_row(number: int, pair, *extra: str) -> list[str]:
    program = program_of(pair)
    return [
        str(number),
        "\n".join(p.full_name for p in _mentors(pair)),
        "\n".join(f"{p.full_name} ({_plain(p)})" if _plain(p) else p.full_name for p in _mentees(pair)),
        program.get_kind_display() if program else "программа не составлена",
        f"{program.period_start:%d.%m.%Y} – {program.period_end:%d.%m.%Y}" if program else _period(pair),
        *extra,
    ]


def build_programs(order: Order) -> dict:
    short = order.organization.short_name
    year = _year(order)
    executor, _ = executor_of(order)
    entries = _entries(order)
    pairs = _pairs(order)
    mentors = []
    for pair in pairs:
        mentors += [p for p in _mentors(pair) if p not in mentors]
    points = [
        {
            "text": "Утвердить персонализированные программы наставничества и индивидуальные образовательные "
            "маршруты наставнических пар (групп) согласно приложению."
        },
        {
            "text": "Наставникам обеспечить реализацию утверждённых программ в установленные сроки:\n"
            + "\n".join(f"— {_named_people([p], OrderPerson.Role.MENTOR, entries)};" for p in mentors).rstrip(
                ";"
            )
            + ".",
        },
        {
            "text": "Куратору реализации программ наставничества осуществлять мониторинг выполнения "
            "программ (не реже одного раза в четверть).",
            "executor": executor,
            "deadline": f"в течение {year} учебного года",
        },
    ]
    return {
        "title": "Об утверждении персонализированных программ наставничества и индивидуальных "
        "образовательных маршрутов",
        "preamble": f"В соответствии с Положением о системе наставничества педагогических работников {short}, "
        "на основании выявленных профессиональных запросов (дефицитов) наставляемых",
        "points": points,
        "appendix": _appendix(
            "Перечень персонализированных программ наставничества (ИОМ)",
            ["№", "Наставник", "Наставляемый", "Вид программы", "Срок реализации"],
            [_program_row(n, pair) for n, pair in enumerate(pairs, start=1)],
        ),
    }


def build_completion(order: Order) -> dict:
    short = order.organization.short_name
    year = _year(order)
    executor, _ = executor_of(order)
    pairs = _pairs(order)
    rows, met = [], 0
    for number, pair in enumerate(pairs, start=1):
        program = program_of(pair)
        done, total, percent = program.completion() if program else (0, 0, 0)
        met += bool(program and program.kpi_met)
        result = f"{percent} % ({done} из {total})" if total else "—"
        rows.append(
            _program_row(number, pair, result, pair.get_outcome_display() or pair.get_status_display())
        )
    points = [
        {
            "text": "Завершить реализацию персонализированных программ наставничества (индивидуальных "
            f"образовательных маршрутов) наставнических пар (групп) {year} учебного года согласно приложению."
        },
        {
            "text": f"Признать выполненными программы {met} из {len(pairs)} наставнических пар (групп), "
            "реализованные не менее чем на 90 %."
        },
        {
            "text": "Куратору реализации программ наставничества подготовить аналитическую справку об итогах "
            "реализации программ наставничества и разместить её на официальном сайте в разделе «Наставничество».",
            "executor": executor,
            "deadline": "в течение 10 рабочих дней со дня подписания приказа",
        },
        {
            "text": "Рассмотреть итоги реализации программ наставничества на заседании педагогического совета.",
            "executor": executor,
            "deadline": "на ближайшем заседании педагогического совета",
        },
    ]
    return {
        "title": "О завершении реализации программ наставничества",
        "preamble": f"В соответствии с Положением о системе наставничества педагогических работников {short}, "
        f"по итогам реализации программ наставничества в {year} учебном году, на основании отчётов "
        "наставников и результатов мониторинга",
        "points": points,
        "appendix": _appendix(
            "Итоги реализации программ наставничества",
            ["№", "Наставник", "Наставляемый", "Вид программы", "Срок реализации", "Выполнение", "Итог"],
            rows,
        ),
    }


BUILDERS: dict[str, Callable[[Order], dict]] = {
    Order.Kind.LAUNCH: build_launch,
    Order.Kind.REWARD: build_reward,
    Order.Kind.PAIRS: build_pairs,
    Order.Kind.PROGRAMS: build_programs,
    Order.Kind.COMPLETION: build_completion,
}


def build(order: Order) -> dict:
    return BUILDERS[order.kind](order)
