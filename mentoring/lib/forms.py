"""Form pieces every app uses: the date input, the choice of a person, the stored file."""

from __future__ import annotations

from pathlib import PurePosixPath

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and sends ISO dates whatever the site's locale."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class StoredFile:
    """The file a record holds, as its edit form shows it: the name it was uploaded with, and the
    view that checks who may download it (files are never served from /media/, and the storage
    may be S3)."""

    def __init__(self, name: str, url: str) -> None:
        self.name = name
        self.url = url
        self.checked_url = url

    def __str__(self) -> str:
        return self.name


class StoredFileInput(forms.ClearableFileInput):
    """A file input whose «На данный момент» shows a `StoredFile`, never the storage path; the
    form gives it the file through `show_stored_file`. Without one, it names no file at all."""

    stored: StoredFile | None = None

    def format_value(self, value):
        if self.is_initial(value):
            return self.stored
        return None

    def is_initial(self, value) -> bool:
        # The storage path is enough to know a file is there; asking the storage for its URL
        # (as Django does) is both needless and, for S3, a signature per render.
        return bool(value and getattr(value, "name", None) and self.stored)


def show_stored_file(form: forms.BaseModelForm, field: str, url: str, name: str = "") -> None:
    """Make `form`'s `field` show the record's current file by `name` (else the last part of its
    storage path), linked to `url`, the access-checked download view."""
    widget = form.fields[field].widget
    if not isinstance(widget, StoredFileInput):
        widget = form.fields[field].widget = StoredFileInput()
    current = getattr(form.instance, field, None)
    if current:
        widget.stored = StoredFile(name or PurePosixPath(current.name).name, url)


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


def install_text_hygiene() -> None:
    """Make every text field of every form (CharField and its subclasses: e-mail, URL, slug…)
    drop control characters, once at start-up, so that no form can forget it. Passwords are kept
    exactly as typed."""
    from mentoring.lib.text import strip_control_characters

    if getattr(forms.CharField.to_python, "strips_control_characters", False):
        return
    original = forms.CharField.to_python

    def to_python(self, value):
        value = original(self, value)
        if isinstance(value, str) and not isinstance(self.widget, forms.PasswordInput):
            value = strip_control_characters(value)
            if self.strip:
                value = value.strip()
        return value

    to_python.strips_control_characters = True
    forms.CharField.to_python = to_python
