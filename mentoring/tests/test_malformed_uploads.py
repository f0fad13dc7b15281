"""Malformed files through the real upload views: an undefined XML entity, billion laughs, a broken
document part, a truncated archive. Each gets a Russian message (never a 500) and saves nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring.tests import bombs
from people.models import Person
from reports.publication.models import Material
from roadmap.models import Roadmap
from roadmap.tests.docx_builder import build_docx

pytestmark = pytest.mark.django_db

CASES = [*bombs.MALFORMED, "truncated"]


def _docx(case: str) -> bytes:
    if case == "truncated":
        return bombs.truncated(build_docx([["Этап", "Мероприятие", "Сроки"], ["1", "Приказ", "сентябрь"]]))
    return bombs.malformed_docx(case)


def _xlsx(case: str) -> bytes:
    return (
        bombs.truncated(bombs.malformed_xlsx("broken")) if case == "truncated" else bombs.malformed_xlsx(case)
    )


@pytest.mark.parametrize("case", CASES)
def test_roadmap_import_of_a_malformed_word_file(world, login, case):
    client = login(world.users["curator"])
    response = client.post(
        reverse("roadmap:roadmap_import"),
        {"file": SimpleUploadedFile("карта.docx", _docx(case)), "year": "2024"},
    )
    assert response.status_code == 200
    assert "повреждён" in str(response.context["form"].errors["file"])
    assert not Roadmap.objects.exists()


@pytest.mark.parametrize("case", CASES)
def test_people_import_of_a_malformed_workbook(world, login, case):
    client = login(world.users["curator"])
    before = Person.objects.count()
    response = client.post(
        reverse("people:import_upload"),
        {"kind": "staff", "file": SimpleUploadedFile("люди.xlsx", _xlsx(case))},
    )
    assert response.status_code == 200
    assert "повреждён" in response.context["error"]
    assert Person.objects.count() == before


def _library_post(client, name: str, content: bytes):
    return client.post(
        reverse("library:create"),
        {"title": "Памятка", "category": "training", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    "name,content",
    [
        ("план.docx", bombs.truncated(build_docx([["a", "b"]]))),
        ("план.odt", bombs.truncated(bombs.malformed_odt("broken"))),
        ("план.xlsx", bombs.truncated(bombs.malformed_xlsx("broken"))),
    ],
    ids=["docx", "odt", "xlsx"],
)
def test_library_refuses_a_truncated_document(world, login, name, content):
    response = _library_post(login(world.users["mentor"]), name, content)
    assert response.status_code == 200
    assert "не принимается" in str(response.context["form"].errors["file"])
    assert not Material.objects.exists()


@pytest.mark.parametrize("case", bombs.MALFORMED)
@pytest.mark.parametrize("kind", ["docx", "odt", "xlsx"])
def test_library_stores_a_document_with_malformed_xml_without_reading_it(world, login, client, kind, case):
    """The library never parses a document's XML: it keeps the file for download as it came."""
    content = {"docx": bombs.malformed_docx, "odt": bombs.malformed_odt, "xlsx": bombs.malformed_xlsx}[kind](
        case
    )
    login(world.users["curator"])
    form = client.get(reverse("library:create")).context["form"]
    response = client.post(
        reverse("library:create"),
        {
            "title": "Памятка",
            "category": "training",
            "academic_year": form.fields["academic_year"].initial,
            "file": SimpleUploadedFile(f"план.{kind}", content),
        },
    )
    assert response.status_code == 302
    assert Material.objects.get().file_type == kind
