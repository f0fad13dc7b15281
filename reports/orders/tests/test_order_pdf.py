"""The order as PDF: the parts ГОСТ Р 7.0.97-2025 requires, declined names, the frozen signed copy."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.template.loader import render_to_string

from mentoring.tests.pdf import page_texts, pdf_text
from people.tests.factories import OrganizationFactory, PersonFactory, StudentFactory
from reports.orders import documents
from reports.orders.models import Order
from reports.orders.tests.factories import launch_order, reward_order, signed

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def school():
    return OrganizationFactory(
        full_name="Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»",
        short_name="МБОУ «СОШ № 7»",
        city="Вологда",
        director_name="Прохорова Светлана Викторовна",
        director_position="Директор",
        order_suffix="-од",
    )


def test_a_signed_launch_order_has_every_required_part(school):
    from reports.publication.tests.factories import review_regulation

    order = signed(
        launch_order(school, regulations=[review_regulation(school, date(2025, 8, 28))]), on=date(2025, 8, 29)
    )
    text = flat(pdf_text(documents.order_pdf(order)))
    for part in [
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»",
        "(МБОУ «СОШ № 7»)",
        "ПРИКАЗ",
        "29.08.2025",
        "№ 1-од",
        "г. Вологда",
        "Об утверждении Положения о системе наставничества",
        "В соответствии с Федеральным законом",
        "ПРИКАЗЫВАЮ:",
        "1. Утвердить Положение",
        "Назначить куратором реализации программ наставничества Иванову Марию Петровну, заместителя директора по УВР",
        "Ответственный: Иванова М.П.",
        "Срок:",
        "Контроль за исполнением настоящего приказа оставляю за собой.",
        "Директор С.В. Прохорова",
        "Исп.:",
        "С приказом от 29.08.2025 № 1-од ознакомлены:",
        "Иванова Мария Петровна",
    ]:
        assert part in text, part
    assert "ПРОЕКТ" not in text


def test_points_are_numbered_and_control_is_the_last_point(school):
    from reports.publication.tests.factories import draft_regulation

    order = launch_order(school, regulations=[draft_regulation(school)])
    text = flat(pdf_text(documents.order_pdf(order)))
    numbers = [
        int(n) for n in re.findall(r"(\d)\. (?:Утвердить|Назначить|Куратору|Разместить|Контроль)", text)
    ]
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert "6. Контроль за исполнением" in text


def test_a_draft_is_marked_and_has_no_number(school):
    text = flat(pdf_text(documents.order_pdf(launch_order(school))))
    assert "ПРОЕКТ" in text
    assert "№ ______" in text


def test_reward_order_declines_each_name_for_its_reward(school):
    people = [
        PersonFactory(
            organization=school,
            last_name="Сидорова",
            first_name="Анна",
            middle_name="Викторовна",
            position="учитель математики",
        ),
        PersonFactory(
            organization=school,
            last_name="Шевченко",
            first_name="Тарас",
            middle_name="Григорьевич",
            gender="m",
            position="учитель истории",
        ),
        PersonFactory(
            organization=school,
            last_name="Петрова-Водкина",
            first_name="Анна",
            middle_name="Ивановна",
            position="педагог-психолог",
        ),
        StudentFactory(
            organization=school,
            last_name="Черных",
            first_name="Павел",
            middle_name="Олегович",
            school_class="9А",
        ),
    ]
    order = reward_order(school, people[:3])
    certificate = reward_order(school, people[3:], reward="certificate")
    text = flat(pdf_text(documents.order_pdf(order)))
    assert "Объявить благодарность" in text
    assert "Сидоровой Анне Викторовне, учителю математики" in text
    assert "Шевченко Тарасу Григорьевичу, учителю истории" in text
    assert "Петровой-Водкиной Анне Ивановне, педагогу-психологу" in text
    text = flat(pdf_text(documents.order_pdf(certificate)))
    assert "Наградить почётной грамотой" in text
    assert "Черных Павла Олеговича, обучающегося 9А класса" in text


def test_the_acquaintance_sheet_has_a_row_for_every_person_named(school):
    people = PersonFactory.create_batch(5, organization=school)
    order = reward_order(school, people)
    sheet = page_texts(documents.order_pdf(order))[-1]
    assert sheet.startswith("С приказом от ___.___.______ № ______ ознакомлены:")
    for number, person in enumerate(people, start=1):
        assert f"{number} {person.full_name}" in sheet


def test_the_acquaintance_sheet_names_its_order_and_asks_only_employees(school):
    teacher = PersonFactory(organization=school)
    pupil = StudentFactory(organization=school, school_class="1А")
    order = signed(reward_order(school, [teacher, pupil]), on=date(2025, 9, 3))
    sheet = page_texts(documents.order_pdf(order))[-1]
    assert sheet.startswith(f"С приказом от 03.09.2025 № {order.number} ознакомлены:")
    assert teacher.full_name in sheet and pupil.full_name not in sheet
    # The date column is laid out 32 mm wide (≥ 30 mm to write a date in by hand).
    html = render_to_string("documents/order.html", documents.order_context(order))
    columns = re.findall(r'<col(?: style="width: (\d+)mm")?>', html)
    assert len(columns) == 5 and int(columns[3]) >= 30


def test_a_signed_order_is_served_as_signed_even_when_the_data_changes(school):
    order = signed(launch_order(school), on=date(2025, 8, 29))
    first = documents.order_pdf(order)
    school.director_name = "Кузнецов Олег Петрович"
    school.full_name = "Новое наименование"
    school.save()
    person = order.people.get().person
    person.last_name = "Смирнова"
    person.save()
    order = Order.objects.get(pk=order.pk)
    again = documents.order_pdf(order)
    assert again == first
    text = flat(pdf_text(again))
    assert "С.В. Прохорова" in text and "Иванову Марию Петровну" in text and "Новое наименование" not in text


def test_a_tampered_signed_pdf_is_refused_not_regenerated(school):
    order = signed(launch_order(school))
    with order.pdf.open("wb") as stored:
        stored.write(b"%PDF-1.7 forged")
    order = Order.objects.get(pk=order.pk)
    with pytest.raises(documents.FrozenDocumentDamaged):
        documents.order_pdf(order)


def test_the_checksum_is_that_of_the_stored_file(school):
    order = signed(launch_order(school))
    with order.pdf.open("rb") as stored:
        assert Order.checksum(stored.read()) == order.pdf_sha256
    assert "ПРИКАЗЫВАЮ:" in order.text and "Иванову Марию Петровну" in order.text
