"""Orders about pairs: assignment with the appendix table, programmes, completion."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from mentoring.lib.actions import ActionRefused
from mentoring.tests.pdf import pdf_text
from pairs import actions as pair_actions
from pairs.models import Pair
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
from reports.orders import actions, documents
from reports.orders.models import Order, OrderPerson
from reports.orders.tests.factories import curator_of, director_of, signed

pytestmark = pytest.mark.django_db


def text_of(order: Order) -> str:
    return pdf_text(documents.order_pdf(order))


@pytest.fixture
def pair(world):
    mentor = consenting_mentor(
        world.org,
        person__last_name="Петров",
        person__first_name="Иван",
        person__middle_name="Сергеевич",
        person__gender="m",
        person__position="учитель математики",
    )
    mentee = consenting_mentee(world.org)
    person = mentee.person
    person.last_name, person.first_name, person.middle_name, person.position = (
        "Шевченко",
        "Ольга",
        "Ивановна",
        "учитель физики",
    )
    person.save()
    return make_pair(world.org, [mentor], [mentee], mentor_consent_on=date(2025, 8, 30))


def pairs_order(world, pairs, kind=Order.Kind.PAIRS) -> Order:
    return actions.order_draft(world.org, kind, actor=curator_of(world.org), pairs=pairs)


def test_assignment_order_declines_names_and_has_the_appendix_table(world, pair):
    order = pairs_order(world, [pair])
    assert set(order.people.values_list("role", flat=True)) == {
        OrderPerson.Role.MENTOR,
        OrderPerson.Role.MENTEE,
    }
    text = text_of(order)
    assert "О закреплении наставнических пар (групп)" in text
    assert "на основании письменных согласий наставников" in text
    assert (
        "Шевченко Ольгу Ивановну, учителя физики — за Петровым Иваном Сергеевичем, учителем математики"
        in text
    )
    assert "письменное согласие наставника от 30.08.2025" in text
    assert "Приложение к приказу" in text
    for column in [
        "Наставник",
        "Должность",
        "Наставляемый",
        "Должность или класс",
        "Форма наставничества",
        "Срок",
    ]:
        assert column in text
    assert "Петров Иван Сергеевич" in text and "учитель – учитель" in text
    assert "ознакомлены:" in text


def test_signing_the_assignment_order_starts_its_pairs(world, pair):
    order = signed(pairs_order(world, [pair]), on=date(2025, 9, 1))
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE and pair.started_on == date(2025, 9, 1)
    assert order.number == "1-од"


def test_a_pair_that_cannot_start_stops_the_signature_and_takes_no_number(world, pair):
    order = pairs_order(world, [pair])
    actions.order_submit(order, actor=curator_of(world.org))
    Pair.objects.filter(pk=pair.pk).update(mentor_consent_on=None)
    with pytest.raises(ActionRefused, match="согласия наставника"):
        actions.order_sign(order, actor=director_of(world.org))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING and order.number == ""


def test_curator_drafts_an_assignment_order_from_chosen_pairs(world, login, pair):
    client = login(world.users["curator"])
    url = reverse("orders:order_create", args=["pairs"])
    form = client.get(url)
    assert "Петров Иван Сергеевич → Шевченко Ольга Ивановна" in form.content.decode()
    response = client.post(url, {"academic_year": "2025", "pairs": [pair.pk]})
    order = Order.objects.get(kind=Order.Kind.PAIRS)
    assert response.status_code == 302
    assert order.appendix["rows"][0][1] == "Петров Иван Сергеевич"


def test_pairs_of_another_school_cannot_be_chosen(world, login, pair):
    other = make_pair(
        world.other_org, [consenting_mentor(world.other_org)], [consenting_mentee(world.other_org)]
    )
    response = login(world.users["curator"]).post(
        reverse("orders:order_create", args=["pairs"]), {"academic_year": "2025", "pairs": [other.pk]}
    )
    assert response.status_code == 200 and "pairs" in response.context["form"].errors
    assert not Order.objects.exists()


def test_programs_order_lists_programmes_and_mentors_in_the_dative(world, pair):
    pair_actions.program_create_from_template(pair, "young_teacher", actor=None)
    order = pairs_order(world, [pair], kind=Order.Kind.PROGRAMS)
    text = text_of(order)
    assert "Об утверждении персонализированных программ наставничества" in text
    assert "— Петрову Ивану Сергеевичу, учителю математики." in text
    assert "персонализированная программа наставничества" in text


def test_signing_the_programs_order_approves_the_programmes_with_its_number(world, pair):
    from pairs.models import Program

    program = pair_actions.program_create_from_template(pair, "young_teacher", actor=None)
    pair_actions.program_submit(program, actor=None)
    order = signed(pairs_order(world, [pair], kind=Order.Kind.PROGRAMS), on=date(2025, 10, 1))
    program.refresh_from_db()
    assert program.status == Program.Status.APPROVED
    assert (program.order_number, program.order_date) == (order.number, date(2025, 10, 1))
    assert program.approved_on == date(2025, 10, 1)
    assert program.approver_name == ""


def test_a_programme_the_director_approved_keeps_that_approval_under_the_order(world, pair):
    from pairs.models import Program

    program = pair_actions.program_create_from_template(pair, "young_teacher", actor=None)
    pair_actions.program_submit(program, actor=None)
    pair_actions.program_approve(program, actor=director_of(world.org))
    approved = Program.objects.get(pk=program.pk)
    signed(pairs_order(world, [pair], kind=Order.Kind.PROGRAMS))
    program.refresh_from_db()
    assert (program.order_number, program.approver_name) == ("", approved.approver_name)
    assert program.approved_on == approved.approved_on


def test_a_programme_with_an_empty_plan_stops_the_signature(world, pair):
    from pairs.models import Program

    program = pair_actions.program_create_from_template(pair, "young_teacher", actor=None)
    program.items.all().delete()
    order = pairs_order(world, [pair], kind=Order.Kind.PROGRAMS)
    with pytest.raises(ActionRefused, match="нет ни одного пункта"):
        signed(order)
    order.refresh_from_db()
    assert order.status != Order.Status.SIGNED
    assert Program.objects.get(pk=program.pk).status == Program.Status.DRAFT


def test_completion_order_reports_the_share_of_programmes_done(world, pair):
    program = pair_actions.program_create_from_template(pair, "young_teacher", actor=None)
    items = list(program.items.all())
    pair_actions.pair_activate(pair, actor=None)
    pair_actions.program_approve_by_order(program, order_number="7", order_date=date(2025, 9, 1), actor=None)
    for item in items:
        pair_actions.plan_item_mark(item, done=True, evidence="протокол", actor=None)
    order = pairs_order(world, [pair], kind=Order.Kind.COMPLETION)
    text = text_of(order)
    assert "О завершении реализации программ наставничества" in text
    assert "Признать выполненной программу наставнической пары (группы), реализованную" in text
    assert f"100 % ({len(items)} из {len(items)})" in text


@pytest.mark.parametrize(
    ("met", "total", "point"),
    [
        (1, 1, "Признать выполненной программу наставнической пары (группы), реализованную не менее"),
        (3, 3, "Признать выполненными программы 3 наставнических пар (групп), реализованные не менее"),
        (21, 21, "Признать выполненными программы 21 наставнической пары (группы), реализованные"),
        (2, 5, "Признать выполненными программы 2 из 5 наставнических пар (групп), реализованные"),
        (1, 5, "Признать выполненной программу 1 из 5 наставнических пар (групп), реализованную"),
        (21, 30, "Признать выполненными программы 21 из 30 наставнических пар (групп), реализованные"),
        (0, 2, "Признать, что ни одна из программ 2 наставнических пар (групп) не реализована"),
    ],
)
def test_completion_point_agrees_with_the_share_of_programmes(met, total, point):
    from mentoring.lib.wording import render_wording, sections

    text = render_wording(
        "documents/wording/orders/completion.txt",
        {
            "organization": None,
            "year": "2025/2026",
            "executor": "",
            "met": met,
            "total": total,
        },
    )
    points = dict(sections(text))["points"]
    assert point in points[1]
    assert " из " not in points[1] or met != total


def test_a_group_has_a_row_per_mentee_under_one_mentor(world, login):
    mentor = consenting_mentor(world.org, capacity=3)
    mentees = [consenting_mentee(world.org, student=True) for _ in range(3)]
    group = make_pair(world.org, [mentor], mentees)
    order = pairs_order(world, [group])
    first, *rest = order.appendix["rows"]
    assert first[1] == {"text": mentor.person.full_name, "rowspan": 3}
    assert [row["cells"][0] for row in rest] == [m.person.full_name for m in mentees[1:]]
    text = text_of(order)
    for mentee in mentees:
        assert f"{mentee.person.full_name} {mentee.person.school_class} класс" in text
    response = login(world.users["curator"]).get(reverse("orders:order_docx", args=[order.uuid]))
    table = Document(io.BytesIO(response.content)).tables[-2]
    assert [table.cell(r, 3).text for r in (1, 2, 3)] == [m.person.full_name for m in mentees]
    assert table.cell(3, 1).text == mentor.person.full_name  # merged with the first row


def test_detail_shows_the_appendix_table(world, login, pair):
    order = pairs_order(world, [pair])
    content = login(world.users["director"]).get(order.get_absolute_url()).content.decode()
    assert "Приложение: Состав наставнических пар (групп)" in content
    assert "Петров Иван Сергеевич" in content and "Должность или класс" in content


@pytest.mark.parametrize(("gender", "child"), [("m", "обучающегося"), ("f", "обучающейся")])
def test_representatives_of_student_mentees_acquaint_themselves_with_an_order_on_pairs(world, gender, child):
    from people.tests.factories import RepresentativeFactory

    mentor = consenting_mentor(world.org, person__position="учитель математики")
    mentee = consenting_mentee(world.org, student=True)
    mentee.person.gender = gender
    mentee.person.save(update_fields=["gender"])
    mother = RepresentativeFactory(
        student=mentee.person,
        last_name="Кимова",
        first_name="Ольга",
        middle_name="Ивановна",
        relation="mother",
    )
    order = pairs_order(world, [make_pair(world.org, [mentor], [mentee])])
    rows = documents.acquaintance_rows(order)
    assert [row.name for row in rows] == [mentor.person.full_name, mother.full_name]
    assert rows[1].description.startswith(f"мать {child} (")
    assert mentee.person.full_name not in [row.name for row in rows]  # the child does not sign
    sheet = text_of(order).split("ознакомлены:")[-1]
    assert mother.full_name in sheet and f"мать {child} (" in sheet
