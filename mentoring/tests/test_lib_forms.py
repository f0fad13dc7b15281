"""The shared date input, person choice and upload sniffer."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django import forms

from mentoring.lib.forms import DateInput, PeopleChoiceField, PersonChoiceField, person_label
from mentoring.lib.uploads import sniff


def test_date_input_is_the_browser_picker_with_iso_dates():
    html = DateInput().render("d", date(2025, 3, 7))
    assert 'type="date"' in html and 'value="2025-03-07"' in html


def test_date_input_keeps_its_format_in_a_form():
    class F(forms.Form):
        day = forms.DateField(widget=DateInput())

    assert 'value="2025-03-07"' in str(F(initial={"day": date(2025, 3, 7)})["day"])
    assert F({"day": "2025-03-07"}).is_valid()


@pytest.mark.django_db
def test_person_choice_shows_the_full_name_and_only_the_given_people(world):
    from people.models import Person
    from people.tests.factories import PersonFactory

    student = PersonFactory(
        organization=world.org,
        kind="student",
        last_name="Орлова",
        first_name="Анна",
        middle_name="Петровна",
        school_class="7А",
        position="",
    )
    stranger = PersonFactory(organization=world.other_org)

    class F(forms.Form):
        person = PersonChoiceField(queryset=Person.objects.filter(pk=student.pk))
        people = PeopleChoiceField(queryset=Person.objects.filter(pk=student.pk))

    html = str(F()["person"])
    assert "Орлова Анна Петровна (7А)" in html
    assert not F({"person": stranger.pk, "people": [student.pk]}).is_valid()
    assert F({"person": student.pk, "people": [student.pk]}).is_valid()


def test_person_label_of_staff_names_the_position():
    class P:
        full_name, school_class, position = "Иванова Мария Ивановна", "", "учитель физики"

    assert person_label(P()) == "Иванова Мария Ивановна (учитель физики)"
    P.position = ""
    assert person_label(P()) == "Иванова Мария Ивановна"


def _zip(entries: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    ("content", "extension", "kind"),
    [
        (b"%PDF-1.7\n...", "", "pdf"),
        (b"\xff\xd8\xff\xe0 jpeg", "", "jpg"),
        (b"\x89PNG\r\n\x1a\n....", "", "png"),
        (b"\x00\x00\x00\x18ftypmp42", "", "mp4"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "xls", "xls"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "pdf", "doc"),
        (b"<html>not a document</html>", "pdf", None),
        (b"PK\x03\x04 broken zip", "docx", None),
    ],
)
def test_sniff_judges_by_content(content, extension, kind):
    assert sniff(io.BytesIO(content), extension) == kind


def test_sniff_tells_office_and_opendocument_archives_apart():
    assert sniff(_zip({"word/document.xml": b"<w/>"})) == "docx"
    assert sniff(_zip({"xl/workbook.xml": b"<x/>"})) == "xlsx"
    assert sniff(_zip({"mimetype": b"application/vnd.oasis.opendocument.text"})) == "odt"
    assert sniff(_zip({"readme.txt": b"hi"})) is None


def test_sniff_leaves_the_file_at_its_start():
    upload = _zip({"word/document.xml": b"<w/>"})
    upload.seek(5)
    sniff(upload)
    assert upload.tell() == 0
