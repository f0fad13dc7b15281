"""Documents an order approves and attaches as its appendices (the launch order: the Положение and
the roadmap).

The roadmap is below the orders and is linked to the order directly (`Order.roadmap`). Documents
kept by sections above the orders (the Положение, in `reports.publication`) come through a
provider those sections register here, so that the orders import none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from people.models import Organization
    from reports.orders.models import Order


@dataclass(frozen=True)
class ApprovedText:
    """A document as the order's .docx attaches it: its stamps, kind, title and numbered sections,
    with the order's date and number in the stamp once the order is signed."""

    accepted: list[str]  # the left stamp: «ПРИНЯТО / на заседании педагогического совета / …»
    approved: list[str]  # the right stamp: «УТВЕРЖДЕНО / приказом от … № …»
    kind: str  # «ПОЛОЖЕНИЕ»
    title: str
    edition: str  # «Редакция 2», or empty
    sections: list[tuple[str, list[str]]]  # («1. Общие положения», [paragraph, …])


@dataclass(frozen=True)
class Approvable:
    """A kind of document a launch order approves, registered by the section that keeps it."""

    key: str
    label: str
    # The versions a new launch order may approve (drafts and those awaiting approval).
    choices: Callable[[Organization], QuerySet]
    # Link the chosen versions to the draft order; refuses (ActionRefused) those already approved.
    attach: Callable[[Order, list], None]
    # The versions linked to the order, in the order they are appended.
    attached: Callable[[Order], list]
    # Before the signature: refuses a version that may not be approved on the order's date.
    check: Callable[[Order, list], None]
    # The version as the order's appendix: PDF with the caption «Приложение N к приказу от … № …».
    render: Callable[[object, Order, str], bytes]
    # «Положение о системе наставничества педагогических работников МБОУ …» as the order names it.
    title: Callable[[object], str]
    # The version as the order's .docx appendix (the same text as `render` lays out in the PDF).
    text: Callable[[object, Order], ApprovedText]
    # Whether the version concerns students (the preamble then cites Р-145).
    concerns_students: Callable[[object], bool] = lambda document: False


_registry: dict[str, Approvable] = {}


def register(approvable: Approvable) -> None:
    _registry[approvable.key] = approvable


def approvables() -> list[Approvable]:
    return list(_registry.values())
