"""Every «Сортировка» option of every list is in Russian and written with a capital letter."""

from __future__ import annotations

import re

import django_filters as df
from django.apps import apps

from people.filters import MenteeFilter, MentorFilter, PersonFilter


def _project_filtersets() -> list[type[df.FilterSet]]:
    # Importing every app's filters makes their FilterSets known as subclasses.
    import importlib

    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.filters")
        except ModuleNotFoundError:
            pass
    found, todo = [], [df.FilterSet]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if not cls.__module__.startswith("django_filters"):
            found.append(cls)
    return found


def test_the_lists_with_sorting_are_found():
    sortable = [
        f
        for f in _project_filtersets()
        if any(isinstance(x, df.OrderingFilter) for x in f.base_filters.values())
    ]
    assert {PersonFilter, MentorFilter, MenteeFilter} <= set(sortable)


def test_no_sort_option_is_english_or_lowercase():
    for filterset in _project_filtersets():
        for name, flt in filterset.base_filters.items():
            if not isinstance(flt, df.OrderingFilter):
                continue
            labels = [str(label) for _value, label in flt.field.choices if _value]
            assert labels, (filterset, name)
            for label in labels:
                assert re.search("[А-Яа-яЁё]", label) and not re.search("[A-Za-z]", label), (filterset, label)
                assert label[0].isupper(), (filterset, label)
