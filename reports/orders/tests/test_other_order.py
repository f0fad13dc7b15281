"""The free-form order («Иной приказ»): the curator writes it, the director signs it like any other."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentoring.tests.pdf import pdf_text
from reports.orders import documents
from reports.orders.models import Order, OrderPerson
from reports.orders.tests.factories import curator_of, director_of
from reports.orders.tests.test_order_pdf import flat

pytestmark = pytest.mark.django_db

TITLE = "О допуске обучающихся с ОВЗ к программам наставничества"
FORM = {
    "academic_year": "2025",
    "title": TITLE + ".",
    "preamble": "В целях обеспечения доступности программ наставничества для обучающихся с ОВЗ,",
    "points": "Допустить обучающихся с ОВЗ к участию в программах наставничества.\n\n"
    "Утвердить порядок сопровождения (приложение 1).\nОтветственный: Сидорова М.П.\nСрок: до 01.10.2025",
    "appendices": "Порядок сопровождения\nСопровождение осуществляет педагог-психолог.\n---\n"
    "Перечень программ\nПрограмма «Шаг навстречу».",
}


def _draft(world, login, **changes) -> tuple:
    client = login(world.users["curator"])
    response = client.post(
        reverse("orders:order_create", args=["other"]), {**FORM, "people": [world.staff.pk], **changes}
    )
    return response, Order.objects.filter(organization=world.org).first()


def test_curator_can_write_a_free_form_order(world, login):
    response, order = _draft(world, login)
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    assert order.kind == Order.Kind.OTHER and order.status == Order.Status.DRAFT
    assert order.title == TITLE and not order.preamble.endswith(",")
    assert [p["text"] for p in order.points][0].startswith("Допустить обучающихся")
    assert order.points[1]["executor"] == "Сидорова М.П." and order.points[1]["deadline"] == "до 01.10.2025"
    assert [t["title"] for t in order.appendix["texts"]] == ["Порядок сопровождения", "Перечень программ"]
    assert order.people.get().role == OrderPerson.Role.ACQUAINTED


def test_the_new_order_menu_offers_a_free_form_order(world, login):
    response = login(world.users["curator"]).get(reverse("orders:order_list"))
    assert reverse("orders:order_create", args=["other"]) in response.content.decode()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "Приказ про ОВЗ"}, "title"),
        ({"points": ""}, "points"),
        ({"appendices": "Только заголовок"}, "appendices"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_drafted(world, login, changes, field):
    response, order = _draft(world, login, **changes)
    assert response.status_code == 200 and order is None
    assert field in response.context["form"].errors


def test_a_person_of_another_school_cannot_be_asked_to_sign(world, login):
    response, order = _draft(world, login, people=[world.other_person.pk])
    assert response.status_code == 200 and order is None


@pytest.mark.parametrize("role", ["director", "mentor", "mentee"])
def test_only_drafters_may_write_a_free_form_order(world, login, role):
    response = login(world.users[role]).get(reverse("orders:order_create", args=["other"]))
    assert response.status_code == 403


def test_other_school_curator_cannot_see_the_order(world, login):
    _, order = _draft(world, login)
    response = login(world.other_curator).get(order.get_absolute_url())
    assert response.status_code == 404


def test_a_signed_free_form_order_has_a_number_and_the_typed_text(world, login):
    from reports.orders import actions

    _, order = _draft(world, login)
    actions.order_submit(order, actor=curator_of(world.org))
    order = actions.order_sign(order, actor=director_of(world.org))
    assert order.number and order.sequence == 1
    text = flat(pdf_text(documents.order_pdf(order)))
    assert TITLE in text
    assert "обучающихся с ОВЗ, ПРИКАЗЫВАЮ:" in text
    assert "1. Допустить обучающихся с ОВЗ" in text and "Ответственный: Сидорова М.П." in text
    assert f"Приложение 1 к приказу от {order.date:%d.%m.%Y} № {order.number}" in text
    assert "Приложение 2" in text and "Программа «Шаг навстречу»." in text
    assert f"С приказом от {order.date:%d.%m.%Y} № {order.number} ознакомлены:" in text
    assert world.staff.full_name in text
    assert "ПРОЕКТ" not in text


def test_the_curator_edits_the_appendices_of_a_draft(world, login):
    _, order = _draft(world, login)
    client = login(world.users["curator"])
    page = client.get(reverse("orders:order_edit", args=[order.uuid]))
    assert "Порядок сопровождения\nСопровождение" in page.content.decode()
    response = client.post(
        reverse("orders:order_edit", args=[order.uuid]),
        {
            "title": TITLE,
            "preamble": "",
            "points": "Допустить.",
            "control": "Контроль оставляю за собой.",
            "executor_mark": "",
            "appendix": "Единственное приложение\nТекст.",
        },
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.appendix == {"texts": [{"title": "Единственное приложение", "lines": ["Текст."]}]}
    detail = client.get(order.get_absolute_url()).content.decode()
    assert "Единственное приложение" in detail and "Собрать текст заново" not in detail
