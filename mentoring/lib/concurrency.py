"""Optimistic locking for records that several people edit: activities, pairs, programmes.

A record carries a `version` that the database itself moves on every change (a BEFORE UPDATE
trigger), so no code path can change the row and leave the version behind. A form carries the
version it was opened at in a hidden field; the save locks the row, compares, and refuses with
`EditConflict` when someone else saved in between. The conflict names who and when (from the
audit history) and lists, field by field, what is saved now and what the user had entered.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pgtrigger
from django import forms
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from mentoring.lib.actions import ActionRefused

STALE_FORM = "Форма устарела: откройте её заново — запись могла измениться."


def version_field() -> models.PositiveIntegerField:
    return models.PositiveIntegerField("версия записи", default=1, editable=False)


def version_triggers(prefix: str) -> list[pgtrigger.Trigger]:
    """`version` moves on whenever any other column changes (auto timestamps aside), and never
    goes back: saving an instance read before someone else's change cannot rewind it."""
    return [
        pgtrigger.Trigger(
            name=f"{prefix}_bump_version",
            operation=pgtrigger.Update,
            when=pgtrigger.Before,
            condition=pgtrigger.AnyChange(exclude=["version"], exclude_auto=True),
            func="NEW.version := OLD.version + 1; RETURN NEW;",
        ),
        # Runs after the bump (triggers fire in name order).
        pgtrigger.Trigger(
            name=f"{prefix}_keep_version",
            operation=pgtrigger.Update,
            when=pgtrigger.Before,
            condition=pgtrigger.Q(new__version__lt=pgtrigger.F("old__version")),
            func="NEW.version := OLD.version; RETURN NEW;",
        ),
    ]


class VersionField(forms.IntegerField):
    """The hidden field that carries the version the form was opened at."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("error_messages", {"required": STALE_FORM, "invalid": STALE_FORM})
        super().__init__(**kwargs)


@dataclass(frozen=True)
class Change:
    label: str
    saved: str  # what the other person saved, in the database now
    entered: str  # what this user submitted (not saved)


class EditConflict(ActionRefused):
    """The record changed after the form (or the page with the action buttons) was opened."""

    def __init__(self, current: models.Model, *, noun: str) -> None:
        self.current = current
        self.by, self.at = last_change(current)
        self.changes: list[Change] = []
        when = ""
        if self.at is not None:
            local = timezone.localtime(self.at)
            day = "" if local.date() == timezone.localdate() else f" {local:%d.%m.%Y}"
            when = f"{day} в {local:%H:%M}"
        super().__init__(
            f"{noun} изменил(а) {self.by}{when}, пока вы редактировали; ваши изменения не сохранены."
        )

    def with_changes(self, changes: list[Change]) -> EditConflict:
        self.changes = changes
        return self


def last_change(obj: models.Model) -> tuple[str, datetime | None]:
    """Who made the latest change to `obj` and when, from its pghistory events."""
    from people.models import User

    event = obj.events.select_related("pgh_context").order_by("-pgh_id").first()
    if event is None:
        return "другой пользователь", None
    metadata = event.pgh_context.metadata if event.pgh_context else {}
    user = User.objects.filter(pk=metadata.get("user")).first() if metadata.get("user") else None
    name = user.display_name() if user else metadata.get("username")
    return name or "другой пользователь", event.pgh_created_at


def check(current: models.Model, version: int | None, *, noun: str) -> None:
    """Refuse when the (already locked) row is not at `version`; None skips the check (a
    workflow started by the system rather than from a page)."""
    if version is not None and current.version != version:
        raise EditConflict(current, noun=noun)


@contextmanager
def editing(instance: models.Model, version: int | None, *, noun: str) -> Iterator[models.Model]:
    """Lock `instance`'s row and check its version; the body saves; the version moves even when
    only child rows (plan items, responsible people) changed."""
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk)
        if version is None:
            raise ActionRefused(STALE_FORM)
        check(current, version, noun=noun)
        yield current
        model.objects.filter(pk=instance.pk, version=version).update(version=version + 1)


def stale(instance: models.Model, version: int | None) -> bool:
    """A cheap unlocked look, for showing the conflict before validation errors."""
    saved = type(instance).objects.filter(pk=instance.pk).values_list("version", flat=True).first()
    return saved is not None and version is not None and saved != version


def submitted_version(form: forms.BaseForm) -> int | None:
    raw = form.data.get(form.add_prefix("version"), "")
    return int(raw) if str(raw).isdigit() else None


def form_changes(form: forms.BaseForm, current: models.Model) -> list[Change]:
    """Field by field: what is saved in `current` and what the user entered, where they differ."""
    changes = []
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        saved = display(field, _saved_value(current, name))
        entered = _entered(form, name, field)
        if saved != entered:
            changes.append(Change(str(field.label or name), saved, entered))
    return changes


def _saved_value(instance: models.Model, name: str):
    model_field = instance._meta.get_field(name)
    if model_field.many_to_many:
        return list(getattr(instance, name).all())
    return getattr(instance, name)


def _entered(form: forms.BaseForm, name: str, field: forms.Field) -> str:
    cleaned = getattr(form, "cleaned_data", {})
    if name in cleaned:
        value = cleaned[name]
        if isinstance(field, forms.FileField) and value is None:
            return display(field, form.initial.get(name))  # no new upload: the file stays
        return display(field, value)
    key = form.add_prefix(name)
    raw = form.data.getlist(key) if hasattr(form.data, "getlist") else form.data.get(key)
    return ", ".join(raw) if isinstance(raw, list) else (raw or "—")


def display(field: forms.Field, value) -> str:
    """A value as a person reads it, the same way whether it came from the form or the row."""
    if value is None or (value is False and not isinstance(field, forms.BooleanField)):
        return "—"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(sorted(field.label_from_instance(obj) for obj in value)) or "—"
    if isinstance(field, forms.ModelChoiceField):
        return field.label_from_instance(value)
    if isinstance(field, forms.BooleanField):
        return "да" if value else "нет"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value)) if value != "" else "—"
    if isinstance(value, (FieldFile,)):
        return value.name.rsplit("/", 1)[-1] if value else "—"
    if hasattr(value, "read"):  # an upload
        return getattr(value, "name", "файл")
    if isinstance(value, (date, datetime)):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    text = str(value).replace("\r\n", "\n").strip()
    return text or "—"
