"""Figures as the pages and documents write them, one way for each kind of figure.

- a percentage with a no-break space before the sign, as Russian typography wants it and so that
  «%» never wraps to the next line alone: «43 %»;
- a share (0…1) as such a percentage, a half rounded up;
- a score (a mean of 1–10 answers, satisfaction) always with two decimals and a comma: «8,50»,
  so that the same kind of figure reads the same on every page; a change of a score with its sign.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NO_BREAK_SPACE = "\u00a0"
DASH = "—"


def percent(value) -> str:
    """«43 %» for 43; «—» for nothing."""
    if value is None or value == "":
        return DASH
    return f"{value}{NO_BREAK_SPACE}%".replace(".", ",")


def share(value) -> str:
    """«43 %» for 0.4286; a half rounds up: «13 %» for 0.125."""
    if value is None:
        return DASH
    return percent(_decimal(float(value) * 100, "1"))


def _decimal(value, places: str) -> str:
    return str(Decimal(repr(float(value))).quantize(Decimal(places), ROUND_HALF_UP)).replace(".", ",")


def score(value) -> str:
    """«8,50» for 8.5, «6,88» for 6.875; «—» for nothing."""
    return DASH if value is None else _decimal(value, "0.01")


def score_change(value) -> str:
    """«+1,87», «−0,50», «0,00»."""
    if value is None:
        return DASH
    text = score(abs(value))
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def ratio(value) -> str:
    """«1,5» (meetings per pair): one decimal."""
    return DASH if value is None else _decimal(value, "0.1")
