"""Figures are written one way for each kind, on every page."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template

from mentoring.lib.numbers import percent, ratio, score, score_change, share


def test_a_percentage_keeps_its_sign_on_the_line_with_a_no_break_space():
    assert percent(43) == "43\u00a0%"
    assert share(3 / 7) == "43\u00a0%" and share(8 / 24) == "33\u00a0%" and share(0.125) == "13\u00a0%"
    assert percent(None) == "—" and share(None) == "—"


def test_a_score_has_two_decimals_everywhere():
    assert score(8.5) == "8,50" and score(6.875) == "6,88" and score(8) == "8,00"
    assert score_change(1.87) == "+1,87" and score_change(-0.5) == "−0,50" and score_change(0) == "0,00"
    assert ratio(1.25) == "1,3" and score(None) == "—"


def test_the_template_filters_write_the_same():
    html = Template(
        "{% load numbers %}{{ 43|percent }}|{{ share|share }}|{{ mean|score }}|{{ delta|score_change }}"
    ).render(Context({"share": 8 / 24, "mean": 8.5, "delta": 0.5}))
    assert html == "43\u00a0%|33\u00a0%|8,50|+0,50"


def test_no_page_writes_a_percentage_by_hand():
    """`N %` after a variable or `widthratio` in an HTML page goes through `|percent` or `|share`."""
    pages = Path(settings.BASE_DIR, "templates")
    by_hand = re.compile(r"(\}\}|%\})\s?%(?!\})")
    offenders = [
        f"{path.relative_to(pages)}: {line.strip()[:80]}"
        for path in pages.rglob("*.html")
        if "documents" not in path.parts
        for line in path.read_text(encoding="utf-8").splitlines()
        if by_hand.search(line) and "style=" not in line
    ]
    assert offenders == []
