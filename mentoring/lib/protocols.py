"""Protocols of the pedagogical council that lower apps cite («ПРИНЯТО … протокол от … №»).

The register lives in the events app, above the roadmap; the roadmap may not import it, so the
events app registers a function here and the roadmap's approval form asks for the choices.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.db.models import QuerySet

_source: Callable[[object], QuerySet] | None = None


def register_council_protocols(source: Callable[[object], QuerySet]) -> None:
    """`source(organization)` returns the organization's pedagogical council protocols, each with
    `number` (str), `date` and a `label` for a choice."""
    global _source
    _source = source


def council_protocols(organization) -> QuerySet | None:
    """The protocols to pick from, or None when no app keeps a register."""
    if _source is None or organization is None:
        return None
    return _source(organization)


class CouncilProtocolField(forms.ModelChoiceField):
    """«Протокол педагогического совета» picked from the register; its label names the date and number."""

    def label_from_instance(self, obj) -> str:
        return obj.label


def add_council_protocol_field(form: forms.Form, organization, *, number: str, date: str) -> None:
    """Offer the organization's council protocols on `form` when there are any: the typed `number`
    and `date` fields become optional and are filled from the pick (see `apply_council_protocol`).
    Without a register, or with an empty one, the form stays as it was: typed values only."""
    protocols = council_protocols(organization)
    if protocols is None or not protocols.exists():
        return
    form.fields = {
        "protocol": CouncilProtocolField(
            label="Протокол педагогического совета",
            queryset=protocols,
            required=False,
            empty_label="— нет в реестре: ввести номер и дату —",
        ),
        **form.fields,
    }
    required = form.fields[number].required or form.fields[date].required
    form.fields[number].required = False
    form.fields[date].required = False
    form.protocol_fields = (number, date, required)


def apply_council_protocol(form: forms.Form, data: dict) -> dict:
    """In `clean()`: a picked protocol gives the number and date; without a pick the typed values
    are kept, and the fields are required again as on a form without a register."""
    fields = getattr(form, "protocol_fields", None)
    if fields is None:
        return data
    number, date, required = fields
    protocol = data.pop("protocol", None)
    if protocol is not None:
        data[number], data[date] = protocol.number, protocol.date
    elif required and not (data.get(number) and data.get(date)):
        form.add_error("protocol", "Выберите протокол из реестра или введите его номер и дату.")
    return data
