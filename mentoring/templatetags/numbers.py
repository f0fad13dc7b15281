"""Template filters of figures (`{% load numbers %}`): the one way each kind is written
(`mentoring.lib.numbers`)."""

from __future__ import annotations

from django import template

from mentoring.lib import numbers

register = template.Library()

register.filter("percent", numbers.percent)
register.filter("share", numbers.share)
register.filter("score", numbers.score)
register.filter("score_change", numbers.score_change)
register.filter("ratio", numbers.ratio)
