"""Where a person's name can be written, and the scrub that replaces it on withdrawal.

One registry, filled by each app from its `AppConfig.ready()`:

- `register_text_fields(Model, ["topic", "summary"])` — free-text columns where a user (or the
  app) may have typed a person's name. The scrub replaces every form of the name there by the
  pseudonym, in the rows and in the rows of the model's pghistory event tables (found
  automatically), so that no copy keeps the name.
- `register_scrubber(callback)` — for texts the app generates from data (draft orders): the
  callback `callback(person, names, *, actor)` regenerates or rewrites them. `names` is the
  `NameForms` of the person, with `.replace(text)`.

The people app never imports the apps that register. Which forms count as the name: the full name
in all six cases, «Фамилия Имя» and «Имя Фамилия» in all cases, and the initials forms
«Яковенко И.А.», «Яковенко И. А.», «И.А. Яковенко» (surname in any case). A surname alone is left:
it is shared by relatives and namesakes, and replacing it would corrupt their names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models

from mentoring.lib.declension import (
    Case,
    decline_first_name,
    decline_middle_name,
    decline_surname,
)

_text_fields: dict[type[models.Model], list[str]] = {}
# model → a function `keep(queryset) -> queryset` of rows kept as they are (signed orders).
_kept: dict[type[models.Model], Callable] = {}
Scrubber = Callable[..., None]
_scrubbers: list[Scrubber] = []


def register_text_fields(
    model: type[models.Model], fields: Iterable[str], *, keep: Callable | None = None
) -> None:
    """Declare free-text (or JSON) columns of `model` where a person's name may be written.

    `keep(queryset)` narrows to the rows the scrub must leave as they are, and their history
    copies (a signed order is a legal document kept for its retention period)."""
    if keep is not None:
        _kept[model] = keep
    known = _text_fields.setdefault(model, [])
    for field in fields:
        if field not in known:
            known.append(field)


def register_scrubber(callback: Scrubber) -> Scrubber:
    """Declare `callback(person, names, *, actor)` that rewrites texts an app generated."""
    if callback not in _scrubbers:
        _scrubbers.append(callback)
    return callback


def text_fields() -> dict[type[models.Model], list[str]]:
    """The registry: model → its free-text fields (a copy, for the tests that walk it)."""
    return {model: list(fields) for model, fields in _text_fields.items()}


def event_models(model: type[models.Model]) -> list[type[models.Model]]:
    """The pghistory event models that copy `model`'s rows."""
    return [m for m in apps.get_models() if getattr(m, "pgh_tracked_model", None) is model]


@dataclass(frozen=True)
class NameForms:
    pseudonym: str
    forms: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern | None:
        if not self.forms:
            return None
        alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s*") for f in self.forms)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def replace(self, text: str) -> str:
        pattern = self.pattern
        if not text or pattern is None:
            return text
        return pattern.sub(self.pseudonym, text)

    def found_in(self, text: str) -> bool:
        pattern = self.pattern
        return bool(text and pattern is not None and pattern.search(text))


def name_forms(last: str, first: str, middle: str, gender: str, pseudonym: str) -> NameForms:
    """Every form of the name the scrub looks for, longest first (so a full name wins)."""
    forms: set[str] = set()
    initials = "".join(f"{p[0]}." for p in (first, middle) if p)
    spaced = " ".join(f"{p[0]}." for p in (first, middle) if p)
    for case in Case:
        surname = decline_surname(last, gender, case)
        name = decline_first_name(first, gender, case)
        patronymic = decline_middle_name(middle, gender, case)
        if surname and name:
            forms.add(" ".join(p for p in (surname, name, patronymic) if p))
            forms.add(" ".join(p for p in (name, patronymic, surname) if p))
            forms.add(f"{surname} {name}")
            forms.add(f"{name} {surname}")
        if surname and initials:
            for short in {initials, spaced}:
                forms.add(f"{surname} {short}")
                forms.add(f"{short} {surname}")
    ordered = tuple(sorted(forms, key=len, reverse=True))
    return NameForms(pseudonym=pseudonym, forms=ordered)


def _replace_in(value, names: NameForms):
    if isinstance(value, str):
        return names.replace(value)
    if isinstance(value, list):
        return [_replace_in(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _replace_in(v, names) for k, v in value.items()}
    return value


def _scrub_rows(
    model: type[models.Model], fields: list[str], names: NameForms, exclude: models.Q | None = None
) -> int:
    """Replace the name in `fields` of every row of `model` holding it; returns rows changed."""
    if not fields or not names.forms:
        return 0
    # The database narrows by the surname (every form contains one of its cases); Python decides.
    surnames = {f.split(" ")[0] for f in names.forms} | {f.split(" ")[-1] for f in names.forms}
    query = models.Q()
    for field in fields:
        for surname in surnames:
            if surname and not surname.endswith("."):
                query |= models.Q(**{f"{field}__icontains": surname})
    rows = model.objects.filter(query)
    if exclude is not None:
        rows = rows.exclude(exclude)
    changed = []
    for row in rows.only(model._meta.pk.name, *fields).iterator():
        dirty = False
        for field in fields:
            value = getattr(row, field)
            new = _replace_in(value, names)
            if new != value:
                setattr(row, field, new)
                dirty = True
        if dirty:
            changed.append(row)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=500)
    return len(changed)


def kept_rows() -> dict[type[models.Model], list[int]]:
    """The rows the scrub leaves as they are (model → primary keys), for the act to list."""
    return {
        model: list(keep(model.objects.all()).values_list("pk", flat=True)) for model, keep in _kept.items()
    }


def scrub_name_everywhere(person, names: NameForms, *, actor) -> int:
    """Walk the registry: generated texts first (they may be rebuilt from data), then every
    registered column and its history copies. Returns the number of rows rewritten."""
    for callback in list(_scrubbers):
        callback(person, names, actor=actor)
    kept = kept_rows()
    touched = 0
    for model, fields in _text_fields.items():
        exclude = models.Q(pk__in=kept[model]) if model in kept else None
        touched += _scrub_rows(model, fields, names, exclude)
    for model, fields in _text_fields.items():
        exclude = models.Q(pgh_obj_id__in=kept[model]) if model in kept else None
        for event_model in event_models(model):
            present = [f for f in fields if any(x.name == f for x in event_model._meta.concrete_fields)]
            touched += _scrub_rows(event_model, present, names, exclude)
    return touched
