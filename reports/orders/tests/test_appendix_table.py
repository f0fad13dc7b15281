"""The pairs appendix set with fixed columns and lines broken in Python: no word lost, no line
wider than its column, one row group per pair (issue 21: the order assigning 300 pairs)."""

from __future__ import annotations

import pytest

from mentoring.lib.pdf import text_width_pt, wrap_lines
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
from reports.orders import actions
from reports.orders.documents import CELL_PADDING_PT, appendix_layout, appendix_table
from reports.orders.models import Order
from reports.orders.tests.factories import curator_of

MM = 72 / 25.4


def test_lines_break_at_spaces_and_fit_the_width():
    text = "учитель – учитель, традиционное (один на один)"
    width = 31 * MM - CELL_PADDING_PT
    lines = wrap_lines(text, width, 12)
    assert " ".join(lines) == text and len(lines) > 1
    assert all(text_width_pt(line, 12) <= width for line in lines)
    # Each line as long as it may be: the next word would not have fitted.
    words = text.split()
    for line, following in zip(lines, lines[1:], strict=False):
        assert text_width_pt(f"{line} {following.split()[0]}", 12) > width * 0.99
    assert words[-1] in lines[-1]


def test_a_word_wider_than_the_column_is_left_to_the_renderer():
    assert wrap_lines("педагог-психолог-дефектолог", 20 * MM - CELL_PADDING_PT, 12) is None


def test_names_of_several_mentors_keep_their_own_lines():
    assert wrap_lines("Иванов Иван\nПетров Пётр", 200, 12) == ["Иванов Иван", "Петров Пётр"]


@pytest.mark.django_db
def test_a_group_is_one_row_group_with_each_mentee_in_the_mentee_columns(world):
    mentor = consenting_mentor(world.org, capacity=3)
    mentees = [consenting_mentee(world.org, student=True) for _ in range(3)]
    single = make_pair(world.org, [consenting_mentor(world.org)], [consenting_mentee(world.org)])
    group = make_pair(world.org, [mentor], mentees)
    order = actions.order_draft(
        world.org, Order.Kind.PAIRS, actor=curator_of(world.org), pairs=[single, group]
    )
    table = appendix_table(order.appendix)
    assert round(sum(appendix_layout(order.appendix)["widths"])) == 100
    assert [len(g) for g in table["groups"]] == [1, 3]
    first, *rest = table["groups"][1]
    assert first[1]["rowspan"] == 3 and first[1]["text"].split() == mentor.person.full_name.split()
    assert [len(row) for row in rest] == [2, 2]  # the mentee and the class only
    names = [row[0]["text"] if row is not first else row[3]["text"] for row in table["groups"][1]]
    assert [n.split() for n in names] == [m.person.full_name.split() for m in mentees]


def test_a_table_that_must_be_hyphenated_is_set_as_it_is():
    word = "человеконенавистничество"
    appendix = {"columns": [word] * 12, "rows": [[word] * 12]}
    assert appendix_layout(appendix)["hyphenate"] and appendix_table(appendix) is None
    assert appendix_table({"columns": ["№", "Что"], "rows": [["1", "x"]]})["groups"] == [
        [[{"text": "1", "nowrap": True, "rowspan": 1}, {"text": "x", "nowrap": True, "rowspan": 1}]]
    ]
