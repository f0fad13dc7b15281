"""Letters of thanks: to a staff member, to the parents of a student; one or all in one PDF."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobs.testing import export
from mentoring.tests.pdf import page_texts
from people.models import LegalRepresentative
from people.tests.factories import PersonFactory, RepresentativeFactory, StudentFactory
from reports.orders.actions import order_person_update
from reports.orders.models import OrderPerson
from reports.orders.tests.factories import curator_of, reward_order, signed

pytestmark = pytest.mark.django_db


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
    draft = reward_order(world.org, [mentor, son, daughter], reward="letter")
    for entry in draft.people.filter(person__in=[son, daughter]):
        to_parents(entry)
    return signed(draft)


def to_parents(entry, reward="letter"):
    order_person_update(
        entry,
        actor=curator_of(entry.order.organization),
        declined_name="",
        reward=reward,
        letter_to="parents",
    )


def test_all_letters_of_an_order_in_one_pdf(world, login, order):
    response = export(login(world.users["director"]), reverse("orders:order_letters", args=[order.uuid]))
    mentor, son, daughter = page_texts(response.content)
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
    (page,) = page_texts(response.content)
    assert "Уважаемая Ольга Ивановна!" in page


def test_a_person_not_in_the_order_is_404(world, login, order):
    response = login(world.users["curator"]).get(
        reverse("orders:order_letter", args=[order.uuid, world.other_person.uuid])
    )
    assert response.status_code == 404


def test_letters_of_another_school_are_404(world, login, order):
    response = login(world.other_curator).post(reverse("orders:order_letters", args=[order.uuid]))
    assert response.status_code == 404


def test_letters_go_only_to_whom_the_order_gives_them(world, login):
    """Five rewarded, two letters: a teacher's own, and one to a ward's guardian, a woman."""
    teacher = PersonFactory(
        organization=world.org, last_name="Дюма", first_name="Александр", middle_name="Ильич", gender="m"
    )
    ward = StudentFactory(
        organization=world.org,
        last_name="Шевчук",
        first_name="Дарья",
        middle_name="Олеговна",
        gender="f",
        school_class="3А",
    )
    guardian = RepresentativeFactory(
        student=ward,
        last_name="Орлова",
        first_name="Галина",
        middle_name="Петровна",
        relation=LegalRepresentative.Relation.GUARDIAN,
    )
    assert guardian.gender == "f"  # from the patronymic
    others = [PersonFactory(organization=world.org) for _ in range(2)] + [
        StudentFactory(organization=world.org, school_class="5Б")
    ]
    draft = reward_order(world.org, [teacher, ward, *others], reward="thanks")
    actor = curator_of(world.org)
    order_person_update(
        draft.people.get(person=teacher), actor=actor, declined_name="", reward="letter", merit=""
    )
    to_parents(draft.people.get(person=ward))
    draft.refresh_from_db()
    text = " ".join(p["text"] for p in draft.points)
    assert "родителям (законным представителям) Шевчук Дарьи Олеговны, обучающейся 3А класса" in text

    client = login(world.users["curator"])
    (sample,) = page_texts(export(client, reverse("orders:order_letters", args=[draft.uuid])).content)
    assert "ПРОЕКТ" in sample and "Образец" in sample and "Приказ от ___.___.______ № ______" in sample

    order = signed(draft)
    first, second = page_texts(export(client, reverse("orders:order_letters", args=[order.uuid])).content)
    assert "Уважаемый Александр Ильич!" in first
    assert "Уважаемая Галина Петровна!" in second and "за воспитание дочери — Шевчук Дарьи Олеговны" in second
    for page in (first, second):
        assert "ПРОЕКТ" not in page and f"Приказ от {order.date:%d.%m.%Y} № {order.number}" in page
    thanked = order.people.filter(reward=OrderPerson.Reward.THANKS).first().person
    response = client.get(reverse("orders:order_letter", args=[order.uuid, thanked.uuid]))
    assert response.status_code == 404


def test_a_letter_to_parents_is_refused_for_a_thanks(world, login):
    student = StudentFactory(organization=world.org, school_class="5Б")
    draft = reward_order(world.org, [student], reward="thanks")
    entry = draft.people.get()
    response = login(world.users["curator"]).post(
        reverse("orders:order_person_update", args=[draft.uuid, entry.pk]),
        {
            f"p{entry.pk}-declined_name": entry.name_in_text,
            f"p{entry.pk}-reward": "thanks",
            f"p{entry.pk}-letter_to": "parents",
        },
        follow=True,
    )
    assert "Родителям можно вручить только благодарственное письмо" in response.content.decode()
    entry.refresh_from_db()
    assert entry.letter_to == "person"


def test_a_cancelled_order_gives_no_letters(world, login, order):
    from reports.orders.actions import order_cancel
    from reports.orders.tests.factories import director_of, reward_order, signed

    cancelling = signed(reward_order(world.org, [world.staff]), on=order.date)
    order_cancel(order, actor=director_of(world.org), by_order=cancelling, reason="ошибка")
    response = login(world.users["director"]).post(reverse("orders:order_letters", args=[order.uuid]))
    assert response.status_code == 404
