"""Control characters: every text field of every form drops them, and text stored with them by
other means (an old row, a script) cannot break an export: each one answers 200."""

from __future__ import annotations

import importlib
import io
import pkgutil

import pytest
from django import forms
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from jobs.testing import export
from mentoring.lib.text import strip_control_characters
from pairs.models import Feedback, Meeting
from pairs.tests.factories import world_pair
from people.forms import PersonForm
from people.models import Mentor, Person
from reports.orders import actions as order_actions
from reports.orders.models import Order
from reports.orders.tests.factories import curator_of

# Everything XML 1.0 cannot hold, plus DEL; tab, line feed and carriage return are text.
CONTROL = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# PostgreSQL text cannot hold NUL at all, so rows carry the rest.
STORABLE = CONTROL.replace("\x00", "")
PROJECT_PACKAGES = ("mentoring", "people", "roadmap", "pairs", "reports")


def _project_forms() -> list[type[forms.BaseForm]]:
    for package in PROJECT_PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if ".tests" in info.name or ".migrations" in info.name or ".management" in info.name:
                continue
            importlib.import_module(info.name)
    found, pending = [], [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PROJECT_PACKAGES and ".tests" not in cls.__module__:
            found.append(cls)
    return found


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_the_project_has_forms_to_check():
    assert len(_project_forms()) > 30


@pytest.mark.parametrize("form_class", _project_forms(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_text_field_of_every_form_drops_control_characters(form_class):
    checked = 0
    for name, field in form_class.base_fields.items():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        value = field.to_python(f"Ив{CONTROL}анов\tи\r\nсын")
        checked += 1
        for text in _strings(value):
            assert text == strip_control_characters(text), f"{form_class.__name__}.{name}"
    assert checked or not any(isinstance(f, forms.CharField) for f in form_class.base_fields.values())


@pytest.mark.django_db
def test_a_submitted_form_stores_clean_text_and_passwords_stay_as_typed():
    form = PersonForm(
        data={"kind": "staff", "last_name": f"\x0bИванова{CONTROL}", "first_name": "Мария\x01", "gender": "f"}
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["last_name"], form.cleaned_data["first_name"]) == ("Иванова", "Мария")
    assert forms.CharField(widget=forms.PasswordInput).clean("pa\x01ss") == "pa\x01ss"


def test_a_field_of_control_characters_only_is_empty():
    with pytest.raises(forms.ValidationError):
        forms.CharField().clean(" \x01\x0b ")


@pytest.mark.django_db
def test_every_export_answers_200_with_control_characters_in_the_stored_text(world, login):
    pair = world_pair(world)
    mentor_person, mentee_person = world.person_of("mentor"), world.person_of("mentee")
    for person in (mentor_person, mentee_person):
        Person.objects.filter(pk=person.pk).update(
            last_name=f"Пет{STORABLE}ров",
            first_name=f"Ив{STORABLE}ан",
            middle_name=f"Сер{STORABLE}геевич",
            position=f"учитель{STORABLE}",
            subjects=f"физика{STORABLE}",
        )
    Mentor.objects.filter(person=mentor_person).update(resources=STORABLE, subjects=STORABLE)
    meeting = world.extra["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(
        topic=f"={STORABLE}тема", summary=f"итоги{STORABLE}", next_steps=STORABLE
    )
    Feedback.objects.create(
        meeting=meeting,
        person=mentee_person,
        usefulness=8,
        comfort=8,
        clarity=8,
        what_worked=f"всё{STORABLE}",
        what_was_hard=STORABLE,
    )
    order = order_actions.order_draft(world.org, Order.Kind.PAIRS, actor=curator_of(world.org), pairs=[pair])
    Order.objects.filter(pk=order.pk).update(title=f"О закреплении{STORABLE}", preamble=STORABLE)
    client = login(world.users["curator"])
    exports = {
        "meetings_pdf": reverse("pairs:meetings_pdf", args=[pair.uuid]),
        "meetings_xlsx": reverse("pairs:meetings_xlsx", args=[pair.uuid]),
        "mentor_export": reverse("people:mentor_export"),
        "registry": reverse("statistics:export", args=["registry"]),
        "meetings": reverse("statistics:export", args=["meetings"]),
        "order_docx": reverse("orders:order_docx", args=[order.uuid]),
        "order_pdf": reverse("orders:order_pdf", args=[order.uuid]),
    }
    for name, url in exports.items():
        is_job = name in ("mentor_export", "registry", "meetings") or name == "order_pdf"
        response = export(client, url) if is_job else client.get(url)
        assert response.status_code == 200, name
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if name.endswith("xlsx") or name in ("mentor_export", "registry", "meetings"):
            workbook = load_workbook(io.BytesIO(content), read_only=True)
            cells = [v for row in workbook.worksheets[0].iter_rows(values_only=True) for v in row]
            assert any(isinstance(v, str) and "Петров" in v for v in cells), name
        elif name == "order_docx":
            text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
            assert "О закреплении" in text
        else:
            assert content.startswith(b"%PDF-"), name
