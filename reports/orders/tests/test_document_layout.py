"""Layout that cannot break: each document kind, its text growing a line at a time across two
page breaks, never leaves its signature block on a page without body text — nor with only the last
paragraph: lines of the text before it come along — and numbers its pages at the top centre from
the second page.

A rendering takes about a second, so the text grows one line at a time in the windows where a page
break nears the signature (found by a coarse search), not over the whole length.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from mentoring.lib.pdf import render_pdf
from mentoring.tests.pdf import page_pieces, page_texts
from people.tests.factories import PersonFactory, StudentFactory
from reports.orders.documents import render_letters_pdf, render_order_pdf
from reports.orders.tests.factories import reward_order
from reports.orders.tests.test_pair_orders import pair  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db

A4_HEIGHT_PT = 841.89
MM = 72 / 25.4
# About four lines: a closing paragraph this long fills the page above the signature by itself.
SHORT_CLOSING_WORDS = 40


def check(content: bytes, *, signature: str, body: str, numbered: bool = True) -> int:
    pages = page_pieces(content)
    for number, (text, pieces) in enumerate(pages, start=1):
        numbers = [y for piece, y in pieces if piece == str(number)]
        if not numbered:
            pass  # a letter is one sheet: no numbers
        elif number == 1:
            assert not [p for p, y in pieces if p == "1" and y > A4_HEIGHT_PT - 20 * MM], (
                "no number on page 1"
            )
        else:
            assert numbers and max(numbers) > A4_HEIGHT_PT - 20 * MM, f"page {number}: no number at the top"
        if signature in text:
            before = text[: text.rfind(signature)].strip()
            assert before, f"page {number} of {len(pages)}: the signature block stands alone"
            if (start := text.find(body)) >= 0 and len(before.split()) < SHORT_CLOSING_WORDS:
                # A short closing paragraph starts here: lines of the text before it come along too,
                # else the page reads as a signature under a sentence or two, standing alone.
                preceding = [word for word in text[:start].split() if word != str(number)]
                assert len(preceding) >= 3, (
                    f"page {number} of {len(pages)}: only the last paragraph and the signature"
                )
            if body not in text:  # the last paragraph runs over from the page before: its end is here
                assert len(before.split()) >= 3, (
                    f"page {number}: less than a line of text before the signature"
                )
    return len(pages)


def grow(render: Callable[[int], bytes], *, step: int = 12, **expect) -> None:
    """Add lines until two page breaks are passed; line by line near each break."""
    lines, pages_seen, breaks = 0, check(render(0), **expect), 0
    while breaks < 2:
        coarse = check(render(lines + step), **expect)
        if coarse == pages_seen:
            lines += step
            continue
        for n in range(lines + 1, lines + step):  # the window of the break, one line at a time
            check(render(n), **expect)
        lines, pages_seen, breaks = lines + step, coarse, breaks + 1


def filler(n: int) -> list[str]:
    return [f"Строка {i + 1} дополнительного текста." for i in range(n)]


def test_order(world):
    order = reward_order(world.org, [PersonFactory(organization=world.org)])
    points = list(order.points)

    def render(n):
        order.points = points[:-1] + [{"text": line} for line in filler(n)] + points[-1:]
        return render_order_pdf(order)

    grow(render, signature=world.org.director_position, body="Контроль за исполнением")


def test_letter(world):
    order = reward_order(world.org, [PersonFactory(organization=world.org)], reward="letter")
    entries = list(order.people.select_related("person"))

    def render(n):
        order.params["merit"] = " ".join(["за многолетнюю работу с молодыми педагогами школы"] * (n + 1))
        return render_letters_pdf(order, entries)

    grow(
        render,
        signature=f"{world.org.director_position} {world.org.short_name}",
        body="готовность",
        step=16,
        numbered=False,
    )


@pytest.mark.parametrize("kind", ["processing", "dissemination"])
def test_consent_for_a_minor(world, kind):
    child = StudentFactory(organization=world.org, birth_date=date(2016, 1, 1), gender="f")
    last = "Подтверждаю, что ознакомлен" if kind == "processing" else "Согласие действует до окончания"

    def render(n):
        context = {
            "person": child,
            "organization": world.org,
            "minor": True,
            "minor_word": "несовершеннолетней",
            "student_word": "обучающейся",
            "child_genitive": child.full_name,
            "purposes": " ".join(filler(n)) or "наставничество",
            "data_list": "ФИО",
            "actions": "хранение",
            "withdrawal": " ".join(["Отзыв подаётся письменно."] * (n * 3 if kind == "dissemination" else 1)),
        }
        return render_pdf(f"documents/consent_{kind}.html", context)

    grow(render, signature="«___» ______________ 20__ г.", body=last, step=16)


def test_program(world, pair):  # noqa: F811
    from pairs import actions as pair_actions
    from pairs.models import PlanItem

    program = pair_actions.program_create_from_template(pair, "young_teacher", actor=None)
    base = program.items.count()

    def render(n):
        present = program.items.count() - base
        PlanItem.objects.bulk_create(
            PlanItem(
                program=program, position=base + i, content=f"Мероприятие {i}", deadline=date(2025, 5, 1)
            )
            for i in range(present, n)
        )
        PlanItem.objects.filter(program=program, position__gte=base + n).delete()
        return render_pdf("documents/program.html", {"pair": pair, "program": program, "org": world.org})

    grow(render, signature="Наставник _______________", body="Выполнено пунктов плана", step=10)


def test_destruction_act(world):
    from datetime import datetime
    from types import SimpleNamespace

    act = SimpleNamespace(number=3, made_on=date(2026, 3, 2), withdrawn_on=date(2026, 2, 20), events_count=0)
    person = SimpleNamespace(last_name="Удалено")

    def render(n):
        extract = [
            {
                "at": datetime(2026, 2, 1, 10, 0),
                "model": "участник",
                "label": f"изменение {i}",
                "user": "Нечесова А.А.",
            }
            for i in range(n + 1)
        ]
        act.events_count = len(extract)
        context = {
            "act": act,
            "organization": world.org,
            "person": person,
            "extract": extract,
            "actor_name": "Нечесова А.А.",
            "kept": [f"Приказ от 01.09.2025 № {i}-од" for i in range(1, 4)],
        }
        return render_pdf("documents/destruction_act.html", context)

    grow(render, signature="Ответственный за обработку", body="Выписка из журнала", step=8)


def test_regulation(world):
    """The Положение has no signature: its section headings never end a page, and its pages are
    numbered at the top from the second."""
    from reports.publication.documents import render_regulation_pdf
    from reports.publication.tests.factories import draft_regulation

    regulation = draft_regulation(world.org)
    sections = [dict(section) for section in regulation.sections[:3]]
    headings = [f"{n}. {section['title']}" for n, section in enumerate(sections, start=1)]

    def render(n):
        regulation.sections = [
            {**sections[0], "text": "\n".join([sections[0].get("text", ""), *filler(n)])},
            *sections[1:],
        ]
        content = render_regulation_pdf(regulation)
        for number, text in enumerate(page_texts(content), start=1):
            for heading in headings:
                assert not text.endswith(" ".join(heading.split())), f"page {number} ends with «{heading}»"
        return content

    grow(render, signature="ПОЛОЖЕНИЕ", body="ПОЛОЖЕНИЕ", step=12)
