"""The .docx of an order says what its PDF says: read back with python-docx."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import timezone
from docx import Document

from people.tests.factories import PersonFactory
from reports.orders import actions, documents
from reports.orders.models import Order, OrderPerson
from reports.orders.tests.factories import curator_of, launch_order, signed
from reports.orders.tests.test_order_pdf import school  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def read(order: Order):
    return Document(io.BytesIO(documents.order_docx(order)))


def body_text(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def free_form(org) -> Order:
    staff = PersonFactory(organization=org, last_name="Сидорова", phone="+7 900 000-00-00")
    return actions.order_draft(
        org,
        Order.Kind.OTHER,
        actor=curator_of(org),
        people=[staff],
        role=OrderPerson.Role.ACQUAINTED,
        wording={
            "title": "О допуске обучающихся с ОВЗ",
            "preamble": "В целях доступности",
            "points": [{"text": "Допустить."}],
            "appendix": {"texts": [{"title": "Порядок", "lines": ["Первый абзац.", "Второй абзац."]}]},
        },
    )


def test_a_draft_is_marked_project_and_its_appendix_has_blank_requisites(school):  # noqa: F811
    lines = body_text(read(free_form(school)))
    assert lines[0] == "ПРОЕКТ"
    at = lines.index("Приложение")
    assert lines[at + 1] == "к приказу от ___.___.______ № ______"
    assert "Порядок" in lines and "Второй абзац." in lines


def test_a_signed_order_names_its_number_on_the_appendix_and_is_not_a_project(school):  # noqa: F811
    order = signed(free_form(school), on=date(2025, 9, 1))
    lines = body_text(read(order))
    assert "ПРОЕКТ" not in lines
    assert f"к приказу от 01.09.2025 № {order.number}" in lines


def test_the_executor_mark_has_its_prefix_and_the_phone(school):  # noqa: F811
    curator_of(school).persons.update(phone="+7 911 123-45-67")
    order = free_form(school)
    assert any(line.startswith("Исп.: ") and "+7 911 123-45-67" in line for line in body_text(read(order)))


def test_pages_are_numbered_at_the_top_from_the_second_page(school):  # noqa: F811
    section = read(launch_order(school)).sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:val="center"' in header_xml
    assert not section.first_page_header.paragraphs[0].text


def test_file_properties_name_the_school_today_in_russian(school):  # noqa: F811
    document = read(launch_order(school))
    props = document.core_properties
    assert props.author == "МБОУ «СОШ № 7»"
    assert props.language == "ru-RU"
    assert abs((props.created - timezone.now()).total_seconds()) < 120
    assert 'w:val="ru-RU"' in document.styles["Normal"].element.xml
