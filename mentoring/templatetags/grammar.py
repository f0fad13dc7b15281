"""Template filters of Russian grammar, for pages and documents alike (`{% load grammar %}`)."""

from __future__ import annotations

from django import template

from mentoring.lib import grammar
from mentoring.lib.declension import Case

register = template.Library()


@register.filter
def plural(count: int, phrase: str) -> str:
    """{{ 5|plural:"пара" }} → «5 пар»; {{ 4|plural:"запись" }} → «4 записи»."""
    return grammar.plural(count, phrase)


@register.filter
def plural_genitive(count: int, phrase: str) -> str:
    """After «из», «более», «около»: {{ 1|plural_genitive:"пара" }} → «1 пары», 5 → «5 пар»."""
    return grammar.plural(count, phrase, Case.GENITIVE)
