"""The wording of each kind of order, generated from the organization's data.

`build(order)` returns the title, preamble and points for an order of its kind from the people
named in it (with the declined forms the curator corrected) and its parameters. The curator then
edits the wording before sending it for signature. The sentences live in
`templates/documents/wording/orders/<kind>.txt`; this module gathers the people, pairs and
programmes they name (declension included) and builds the appendix tables.
"""

from __future__ import annotations

from collections.abc import Callable

from mentoring.lib.declension import Case, decline_position
from mentoring.lib.grammar import agree
from mentoring.lib.wording import render_sections, take_fields
from reports.orders.models import Order, OrderPerson


def _student_descriptor(person, case: Case) -> str:
    word = agree("обучающийся", person.gender, case)
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


def _wording(order: Order, **context) -> dict[str, list[str]]:
    """The sections of the order kind's wording template, rendered with the order's data."""
    return render_sections(
        f"documents/wording/orders/{order.kind}.txt",
        {"organization": order.organization, "year": _year(order), **context},
    )


def _document(wording: dict[str, list[str]]) -> dict:
    """Title, preamble and points; a point's `executor:` and `deadline:` lines become its fields."""
    points = []
    for paragraph in wording["points"]:
        text, fields = take_fields(paragraph)
        points.append({"text": text, **fields})
    return {"title": " ".join(wording["title"]), "preamble": " ".join(wording["preamble"]), "points": points}


def launch_appendices(order: Order) -> list[dict]:
    """What a launch order approves, numbered as its appendices: the Положения first, then the
    roadmap. Each: {number, approvable (None for the roadmap), document, title}."""
    from reports.orders.approvals import approvables

    items = []
    for approvable in approvables():
        for document in approvable.attached(order):
            items.append(
                {"approvable": approvable, "document": document, "title": approvable.title(document)}
            )
    if order.roadmap_id:
        items.append({"approvable": None, "document": order.roadmap, "title": "дорожную карту"})
    for number, item in enumerate(items, start=1):
        item["number"] = number
    return items


def build_launch(order: Order) -> dict:
    curator = order.people.filter(role=OrderPerson.Role.CURATOR).select_related("person").first()
    executor, _ = executor_of(order)
    if curator:
        executor = curator.person.short_name
    appendices = launch_appendices(order)
    documents = [
        {
            "number": item["number"],
            "title": item["title"],
            # «…, Положение о системе наставничества педагогических работников» in the point on the site.
            "short": item["title"][0].upper() + item["title"][1:] if item["title"] else "",
        }
        for item in appendices
        if item["approvable"] is not None
    ]
    roadmap_number = next((item["number"] for item in appendices if item["approvable"] is None), "")
    students = any(
        item["approvable"].concerns_students(item["document"]) for item in appendices if item["approvable"]
    )
    return _document(
        _wording(
            order,
            curator=named(curator) if curator else "",
            executor=executor,
            documents=documents,
            roadmap_number=roadmap_number,
            students=students,
        )
    )


def _rewarded(entry: OrderPerson) -> str:
    """The person as the reward point names them; a letter to a student's parents says so."""
    if entry.letter_to_parents:
        return f"родителям (законным представителям) {named(entry)}"
    return named(entry)


def build_reward(order: Order) -> dict:
    executor, _ = executor_of(order)
    entries = list(order.people.filter(role=OrderPerson.Role.REWARDED).select_related("person"))
    groups = []
    for reward in OrderPerson.Reward:
        group = [{"named": _rewarded(e), "merit": e.merit} for e in entries if e.reward == reward]
        if group:
            groups.append({"reward": reward.value, "people": group})
    wording = _wording(order, merit=order.params.get("merit") or "", groups=groups, executor=executor)
    return _document(wording)


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
    executor, _ = executor_of(order)
    entries = _entries(order)
    pairs = _pairs(order)
    items = []
    rows = []
    for number, pair in enumerate(pairs, start=1):
        mentors, mentees = _mentors(pair), _mentees(pair)
        items.append(
            {
                "pair": pair,
                "mentees": _named_people(mentees, OrderPerson.Role.MENTEE, entries),
                "mentors": _named_people(mentors, OrderPerson.Role.MENTOR, entries),
            }
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
    wording = _wording(order, pairs=items, executor=executor)
    return {
        **_document(wording),
        "appendix": _appendix(
            wording["appendix"][0],
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
    executor, _ = executor_of(order)
    entries = _entries(order)
    pairs = _pairs(order)
    mentors = []
    for pair in pairs:
        mentors += [p for p in _mentors(pair) if p not in mentors]
    wording = _wording(
        order,
        mentors=[_named_people([p], OrderPerson.Role.MENTOR, entries) for p in mentors],
        executor=executor,
    )
    return {
        **_document(wording),
        "appendix": _appendix(
            wording["appendix"][0],
            ["№", "Наставник", "Наставляемый", "Вид программы", "Срок реализации"],
            [_program_row(n, pair) for n, pair in enumerate(pairs, start=1)],
        ),
    }


def build_completion(order: Order) -> dict:
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
    wording = _wording(order, met=met, total=len(pairs), executor=executor)
    return {
        **_document(wording),
        "appendix": _appendix(
            wording["appendix"][0],
            ["№", "Наставник", "Наставляемый", "Вид программы", "Срок реализации", "Выполнение", "Итог"],
            rows,
        ),
    }


def build_other(order: Order) -> dict:
    """A free-form order has no data to build from: its wording is what the curator wrote."""
    return {
        "title": order.title,
        "preamble": order.preamble,
        "points": order.points,
        "appendix": order.appendix,
    }


BUILDERS: dict[str, Callable[[Order], dict]] = {
    Order.Kind.LAUNCH: build_launch,
    Order.Kind.REWARD: build_reward,
    Order.Kind.PAIRS: build_pairs,
    Order.Kind.PROGRAMS: build_programs,
    Order.Kind.COMPLETION: build_completion,
    Order.Kind.OTHER: build_other,
}


def build(order: Order) -> dict:
    return BUILDERS[order.kind](order)
