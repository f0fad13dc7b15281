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


@register.filter
def plural_dative(count: int, phrase: str) -> str:
    """After «по», «к»: {{ 21|plural_dative:"отзыв" }} → «21 отзыву», 5 → «5 отзывам»."""
    return grammar.plural(count, phrase, Case.DATIVE)


@register.filter
def plural_prepositional(count: int, phrase: str) -> str:
    """After «в», «о»: {{ 1|plural_prepositional:"программа" }} → «1 программе», 5 → «5 программах»."""
    return grammar.plural(count, phrase, Case.PREPOSITIONAL)


@register.simple_tag
def predicate(count: int, words: str, noun: str) -> str:
    """The verb agreeing with a count as its subject: {% predicate 1 "проведено" "встреча" %} →
    «проведена», 2 → «проведены», 5 → «проведено»."""
    return grammar.predicate(count, words, noun)
