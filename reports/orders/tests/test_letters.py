"""Letters of thanks: to a staff member, to the parents of a student; one or all in one PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from people.models import LegalRepresentative
from people.tests.factories import PersonFactory, RepresentativeFactory, StudentFactory
from reports.orders.tests.factories import reward_order, signed
from reports.orders.tests.test_order_pdf import flat

pytestmark = pytest.mark.django_db


def pages(content: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def order(world):
    mentor = PersonFactory(
        organization=world.org, last_name="Яковенко", first_name="Ирина", middle_name="Александровна"
    )
    son = StudentFactory(
        organization=world.org, last_name="Ким", first_name="Олег", middle_name="Сергеевич", school_class="7Б"
    )
    RepresentativeFactory(student=son, last_name="Ким", first_name="Ольга", middle_name="Ивановна")
    daughter = StudentFactory(
        organization=world.org,
        last_name="Черных",
        first_name="Анна",
        middle_name="Павловна",
        gender="f",
        school_class="5А",
    )
    RepresentativeFactory(
        student=daughter,
        last_name="Черных",
        first_name="Павел",
        middle_name="Олегович",
        relation=LegalRepresentative.Relation.FATHER,
    )
    RepresentativeFactory(student=daughter, last_name="Черных", first_name="Елена", middle_name="Юрьевна")
    return signed(reward_order(world.org, [mentor, son, daughter], reward="letter"))


def test_all_letters_of_an_order_in_one_pdf(world, login, order):
    response = login(world.users["director"]).get(reverse("orders:order_letters", args=[order.uuid]))
    mentor, son, daughter = pages(response.content)
    assert "БЛАГОДАРСТВЕННОЕ ПИСЬМО" in mentor
    assert "Уважаемая Ирина Александровна!" in mentor and "выражает Вам искреннюю благодарность" in mentor
    assert "Уважаемая Ольга Ивановна!" in son
    assert "за воспитание сына — Кима Олега Сергеевича, обучающегося 7Б класса, активного участника" in son
    assert "Уважаемые Елена Юрьевна и Павел Олегович!" in daughter
    assert (
        "за воспитание дочери — Черных Анны Павловны, обучающейся 5А класса, активной участницы" in daughter
    )
    assert f"№ {order.number}" in mentor and "С.В. Прохорова" in mentor


def test_one_letter(world, login, order):
    son = order.people.get(person__last_name="Ким").person
    response = login(world.users["curator"]).get(reverse("orders:order_letter", args=[order.uuid, son.uuid]))
    (page,) = pages(response.content)
    assert "Уважаемая Ольга Ивановна!" in page


def test_a_person_not_in_the_order_is_404(world, login, order):
    response = login(world.users["curator"]).get(
        reverse("orders:order_letter", args=[order.uuid, world.other_person.uuid])
    )
    assert response.status_code == 404


def test_letters_of_another_school_are_404(world, login, order):
    response = login(world.other_curator).get(reverse("orders:order_letters", args=[order.uuid]))
    assert response.status_code == 404
