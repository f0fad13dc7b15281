"""The appendix table of orders on pairs stays inside the text area: long words in narrow columns
(«персонализированная», «Наставляемый») are hyphenated in their column, never pushed into the
right margin (ГОСТ Р 7.0.97: 10 mm)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from pairs import actions as pair_actions
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
from reports.orders import actions
from reports.orders.documents import render_order_pdf
from reports.orders.models import Order
from reports.orders.tests.factories import curator_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"),
]

MM = 72 / 25.4
RIGHT_MARGIN = 10 * MM


def words_beyond_right_margin(content: bytes, tmp_path) -> list[tuple[int, str, float]]:
    """(page, word, millimetres beyond) of every word that ends in the right margin."""
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    pages = re.finditer(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', boxes, re.S)
    for number, page in enumerate(pages, start=1):
        limit = float(page[1]) - RIGHT_MARGIN
        for word in re.finditer(r'xMax="([\d.]+)"[^>]*>([^<]*)<', page[2]):
            beyond = float(word[1]) - limit
            if beyond > 0.5:  # half a point: the table's border and rounding
                found.append((number, word[2], round(beyond / MM, 1)))
    return found


@pytest.fixture
def long_pair(world):
    mentor = consenting_mentor(
        world.org,
        person__last_name="Константинопольская",
        person__first_name="Елизавета",
        person__middle_name="Кирилловна",
        person__gender="f",
        person__position="заместитель директора по учебно-воспитательной работе",
    )
    mentee = consenting_mentee(world.org)
    person = mentee.person
    person.last_name, person.first_name, person.middle_name = "Соловьёва-Преображенская", "Вера", "Артёмовна"
    person.position = "учитель физической культуры"
    person.save()
    pair = make_pair(world.org, [mentor], [mentee], mentor_consent_on=date(2025, 8, 30))
    program = pair_actions.program_create_from_template(pair, "young_teacher", actor=None)
    # The plan done in full (ticked directly: a project pair's draft programme is not ticked in the app).
    program.items.update(done_on=date(2025, 12, 1), evidence="протокол")
    return pair


@pytest.mark.parametrize("kind", [Order.Kind.PAIRS, Order.Kind.PROGRAMS, Order.Kind.COMPLETION])
def test_appendix_table_stays_inside_the_right_margin(world, long_pair, kind, tmp_path):
    if kind == Order.Kind.COMPLETION:
        pair_actions.pair_activate(long_pair, actor=None)
    order = actions.order_draft(world.org, kind, actor=curator_of(world.org), pairs=[long_pair])
    assert words_beyond_right_margin(render_order_pdf(order), tmp_path) == []
