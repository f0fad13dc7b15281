"""Form pieces every app uses: the date input and the choice of a person."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and sends ISO dates whatever the site's locale."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def person_label(person) -> str:
    """«Фамилия Имя Отчество (7А)» for a student, «… (учитель физики)» for staff."""
    extra = person.school_class or person.position
    return f"{person.full_name} ({extra})" if extra else person.full_name


def _person_of(obj):
    # A bank entry (mentor, mentee) is shown as its person.
    return getattr(obj, "person", obj)


class PersonChoiceField(forms.ModelChoiceField):
    """One person (or bank entry) by full name; the form narrows the queryset in its __init__ to
    what the user may choose, so the field is declared with an empty one."""

    def label_from_instance(self, obj) -> str:
        return person_label(_person_of(obj))


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Several people (or bank entries) by full name; the queryset is narrowed as above."""

    def label_from_instance(self, obj) -> str:
        return person_label(_person_of(obj))
