"""Query expressions shared by the apps."""

from __future__ import annotations

from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def count_of(queryset: QuerySet) -> Subquery:
    """COUNT(*) of a correlated subquery (filtered on an OuterRef): 0, not NULL, when it matches
    nothing. Unlike Count() over a join, several of these on one row do not multiply each other."""
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )
