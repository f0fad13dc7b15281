from __future__ import annotations

import io

import pytest

from mentoring.tests.pdf import pdf_text
from people.tests.factories import OrganizationFactory, PersonFactory
from reports.events import documents
from reports.events.tests.factories import held_event, make_protocol

pytestmark = pytest.mark.django_db


def _protocol():
    org = OrganizationFactory(short_name="МБОУ «СОШ № 7»")
    people = [
        PersonFactory(organization=org, last_name=name) for name in ("Алексеева", "Борисова", "Власова")
    ]
    event = held_event(org, people=people)
    chair = PersonFactory(
        organization=org, last_name="Прохорова", first_name="Светлана", middle_name="Ивановна"
    )
    return make_protocol(event, chair=chair, secretary=people[0])


def test_protocol_pdf_carries_the_requisites():
    protocol = _protocol()
    text = pdf_text(documents.protocol_pdf(protocol))
    assert "ПРОТОКОЛ" in text
    assert "заседания педагогического совета" in text
    assert f"№ {protocol.number}" in text
    assert f"{protocol.date:%d.%m.%Y}" in text
    assert "Присутствовали: 3 человека" in text
    assert "Алексеева" in text and "Власова" in text
    for word in ("ПОВЕСТКА ДНЯ", "СЛУШАЛИ", "ВЫСТУПИЛИ", "РЕШИЛИ", "Председатель", "Секретарь"):
        assert word in text
    assert "С.И. Прохорова" in text


def test_protocol_docx_carries_the_requisites():
    from docx import Document

    protocol = _protocol()
    document = Document(io.BytesIO(documents.protocol_docx(protocol)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ПРОТОКОЛ" in text and "РЕШИЛИ: Принять информацию к сведению." in text


@pytest.mark.parametrize(
    ("n", "words"), [(1, "1 человек"), (3, "3 человека"), (12, "12 человек"), (22, "22 человека")]
)
def test_people_count(n, words):
    assert documents.people_count(n) == words
