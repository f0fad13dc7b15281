"""The wording of each kind of order, generated from the organization's data.

`build(order)` returns the title, preamble and points for an order of its kind from the people
named in it (with the declined forms the curator corrected) and its parameters. The curator then
edits the wording before sending it for signature.
"""

from __future__ import annotations

from collections.abc import Callable

from mentoring.lib.declension import Case, decline_position
from reports.models import Order, OrderPerson

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


BUILDERS: dict[str, Callable[[Order], dict]] = {
    Order.Kind.LAUNCH: build_launch,
    Order.Kind.REWARD: build_reward,
}


def build(order: Order) -> dict:
    return BUILDERS[order.kind](order)
