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
from reports.orders.tests.factories import curator_of, launch_order, review_roadmap, signed
from reports.orders.tests.test_order_pdf import school  # noqa: F401 (fixture)
from reports.publication.standard import paragraphs
from reports.publication.tests.factories import draft_regulation, review_regulation
from roadmap.tests.factories import ActivityFactory, StageFactory

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


def launch_with_appendices(org, regulation):
    roadmap = review_roadmap(org)
    stage = StageFactory(roadmap=roadmap, number=9, title="Подведение итогов")
    for position, (number, title, deadline) in enumerate(
        [("9.1", "Итоговая конференция наставников", "май"), ("9.2", "Награждение лучших пар", "июнь")]
    ):
        ActivityFactory(stage=stage, number=number, title=title, deadline_text=deadline, position=position)
    return launch_order(org, roadmap=roadmap, regulations=[regulation])


def part_openings(document) -> list[str]:
    """The first non-empty paragraph of each section after the first: what its new page opens with."""
    from docx.oxml.ns import qn

    paragraphs = document.paragraphs
    ends = [i for i, p in enumerate(paragraphs) if p._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    return [next(p.text for p in paragraphs[end + 1 :] if p.text) for end in ends]


def test_a_signed_launch_order_attaches_the_regulation_and_the_roadmap_each_on_a_new_page(school):  # noqa: F811
    from docx.enum.section import WD_ORIENT, WD_SECTION

    regulation = review_regulation(school, date(2025, 8, 28))
    order = signed(launch_with_appendices(school, regulation), on=date(2025, 8, 29))
    document = read(order)
    lines = body_text(document)
    reference = f"к приказу от 29.08.2025 № {order.number}"
    assert "ПРОЕКТ" not in lines
    first, second = lines.index("Приложение 1"), lines.index("Приложение 2")
    assert lines[first + 1] == reference and lines[second + 1] == reference
    positioned = document.paragraphs[first].paragraph_format.left_indent
    assert positioned.cm > 19 / 2  # in the right half of the 19 cm of text width, as in the PDF
    regulation_lines = lines[first:second]
    assert "ПОЛОЖЕНИЕ" in regulation_lines and regulation.subject_title in regulation_lines
    for number, section in enumerate(regulation.sections, start=1):
        assert f"{number}. {section['title']}" in regulation_lines
        assert paragraphs(section) and all(clause in regulation_lines for clause in paragraphs(section))
    stamps = [t.rows[0].cells for t in document.tables if t.rows[0].cells[0].text.startswith("ПРИНЯТО")]
    assert stamps[0][1].text == f"УТВЕРЖДЕНО\nприказом от 29.08.2025 № {order.number}"
    assert "(протокол от 28.08.2025 № 1)" in stamps[0][0].text
    assert f"приказ от 29.08.2025 № {order.number}" in stamps[1][1].text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "№" and len(t.columns) == 7)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    at = [row[0] for row in rows].index("9.1")
    assert rows[at][:4] == ["9.1", "9. Подведение итогов", "Итоговая конференция наставников", "май"]
    assert rows[at + 1][:4] == ["9.2", "9. Подведение итогов", "Награждение лучших пар", "июнь"]
    # The order, its two appendices and the acquaintance sheet: four parts, each from a new page
    # (the roadmap in landscape), each numbered at the top from its own second page, as in the PDF.
    sections = document.sections
    sheet = f"С приказом от 29.08.2025 № {order.number} ознакомлены:"
    assert part_openings(document) == ["Приложение 1", "Приложение 2", sheet]
    assert all(s.start_type == WD_SECTION.NEW_PAGE for s in sections[1:])
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    assert sections[2].page_width > sections[2].page_height
    assert all(s.different_first_page_header_footer and "PAGE" in s.header._element.xml for s in sections)
    assert all('w:start="1"' in s._sectPr.xml for s in sections[1:])


def test_a_draft_launch_orders_appendices_are_projects_with_blank_requisites(school):  # noqa: F811
    document = read(launch_with_appendices(school, draft_regulation(school)))
    lines = body_text(document)
    first, second = lines.index("Приложение 1"), lines.index("Приложение 2")
    assert lines[first - 1] == "ПРОЕКТ" and lines[second - 1] == "ПРОЕКТ"
    assert lines[first + 1] == "к приказу от ___.___.______ № ______"
    stamps = [
        t.rows[0].cells[1].text for t in document.tables if t.rows[0].cells[0].text.startswith("ПРИНЯТО")
    ]
    assert stamps[0] == "УТВЕРЖДЕНО\nприказом от ____________ № ____"
    assert stamps[1].endswith("«___» ____________ 20__ г.")
