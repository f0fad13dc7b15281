"""Filters of the registry and the two banks (django-filter): status, category, subject, form,
consent state, class, academic year, search by name, sorting."""

from __future__ import annotations

import django_filters as df
from django import forms
from django.db.models import Exists, OuterRef, Q
from django_filters.fields import ModelChoiceIterator

from people.models import (
    ACCOUNT_STATES,
    AcademicYear,
    Competency,
    Consent,
    Mentee,
    Mentor,
    MentoringForm,
    Person,
)

CONSENT_STATES = [
    ("valid", "действует"),
    ("missing", "нет действующего"),
    ("withdrawn", "отозвано"),
]


class ListedChoiceIterator(ModelChoiceIterator):
    """Choices of a short reference list, read with one query when a select is rendered.

    The stock iterator counts the rows for `len()` and then reads them again through a
    server-side cursor: several round trips for each select of a filter form.
    """

    def _rows(self) -> list:
        if not hasattr(self, "_listed"):
            rows = [self.choice(obj) for obj in self.queryset.all()]
            if self.field.null_label is not None:
                rows.insert(0, (self.field.null_value, self.field.null_label))
            if self.field.empty_label is not None:
                rows.insert(0, ("", self.field.empty_label))
            self._listed = rows
        return self._listed

    def __iter__(self):
        return iter(self._rows())

    def __len__(self) -> int:
        return len(self._rows())

    def __bool__(self) -> bool:
        return bool(self._rows())


def _search(queryset, prefix: str, value: str):
    for word in value.split()[:3]:
        queryset = queryset.filter(
            Q(**{f"{prefix}last_name__icontains": word})
            | Q(**{f"{prefix}first_name__icontains": word})
            | Q(**{f"{prefix}middle_name__icontains": word})
        )
    return queryset


def sorting(*columns: tuple[str, str, str]) -> df.OrderingFilter:
    """The «Сортировка» select: each column as (model field, URL parameter, Russian label).

    django-filter looks its labels up by the model field, not by the parameter; a label keyed
    by the parameter is silently ignored and the option shows the English parameter («Name»).
    """
    return df.OrderingFilter(
        label="Сортировка",
        fields=[(field, param) for field, param, _label in columns],
        field_labels={field: label for field, _param, label in columns},
    )


class _Base(df.FilterSet):
    person_prefix = "person__"

    q = df.CharFilter(label="ФИО", method="filter_q")
    consent = df.ChoiceFilter(label="Согласие", choices=CONSENT_STATES, method="filter_consent")
    # `account_state` comes from for_list() / for_table().
    account = df.ChoiceFilter(label="Учётная запись", choices=ACCOUNT_STATES, field_name="account_state")

    def get_form_class(self):
        # The filters' fields are the same for every request (fixed choices, querysets that do not
        # depend on the request): the form class is built once per FilterSet class, not on every
        # page. Each form still gets its own deep copy of the fields, as Django's forms do.
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = type(self)._form_class = super().get_form_class()
        return form_class

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.iterator = ListedChoiceIterator
        return form

    def filter_q(self, queryset, name, value):
        return _search(queryset, self.person_prefix, value)

    def filter_consent(self, queryset, name, value):
        # `consent_valid` comes from for_list(); a withdrawn consent is any with a withdrawal date.
        if value == "valid":
            return queryset.filter(consent_valid=True)
        if value == "missing":
            return queryset.filter(consent_valid=False)
        person = OuterRef("pk") if not self.person_prefix else OuterRef("person")
        withdrawn = Consent.objects.filter(person=person, withdrawn_on__isnull=False)
        return queryset.filter(Exists(withdrawn))


class PersonFilter(_Base):
    person_prefix = ""

    kind = df.ChoiceFilter(label="Категория", choices=Person.Kind.choices)
    school_class = df.CharFilter(label="Класс", lookup_expr="iexact")
    subject = df.CharFilter(label="Предмет", field_name="subjects", lookup_expr="icontains")
    ordering = sorting(
        ("last_name", "name", "ФИО"),
        ("school_class", "class", "Класс"),
        ("experience_years", "experience", "Стаж"),
    )


class MentorFilter(_Base):
    status = df.ChoiceFilter(label="Статус", choices=Mentor.Status.choices)
    category = df.ChoiceFilter(
        label="Квалификационная категория",
        field_name="qualification_category",
        choices=Mentor.Category.choices,
    )
    subject = df.CharFilter(label="Предмет", field_name="subjects", lookup_expr="icontains")
    form = df.ModelChoiceFilter(
        label="Форма наставничества",
        field_name="preferred_forms",
        queryset=MentoringForm.objects.all(),
        distinct=True,
    )
    competency = df.ModelChoiceFilter(
        label="Компетенция", field_name="competencies", queryset=Competency.objects.all(), distinct=True
    )
    kind = df.ChoiceFilter(label="Кто", field_name="person__kind", choices=Person.Kind.choices)
    year = df.ModelChoiceFilter(
        label="Учебный год",
        field_name="academic_year",
        to_field_name="start_year",
        queryset=AcademicYear.objects.all(),
    )
    ordering = sorting(
        ("person__last_name", "name", "ФИО"),
        ("status", "status", "Статус"),
        ("status_changed_at", "changed", "Дата статуса"),
    )


class MenteeFilter(_Base):
    status = df.ChoiceFilter(label="Статус", choices=Mentee.Status.choices)
    category = df.ChoiceFilter(label="Категория", choices=Mentee.Category.choices)
    form = df.ModelChoiceFilter(
        label="Желаемая форма", field_name="desired_form", queryset=MentoringForm.objects.all()
    )
    request = df.ModelChoiceFilter(
        label="Запрос", field_name="requests", queryset=Competency.objects.all(), distinct=True
    )
    school_class = df.CharFilter(label="Класс", field_name="person__school_class", lookup_expr="iexact")
    subject = df.CharFilter(label="Предмет", field_name="person__subjects", lookup_expr="icontains")
    year = df.ModelChoiceFilter(
        label="Учебный год",
        field_name="academic_year",
        to_field_name="start_year",
        queryset=AcademicYear.objects.all(),
    )
    ordering = sorting(
        ("person__last_name", "name", "ФИО"),
        ("waiting_since", "waiting", "Ожидает с"),
        ("status", "status", "Статус"),
    )


for _filter in (PersonFilter, MentorFilter, MenteeFilter):
    _filter.base_filters["q"].extra["widget"] = forms.TextInput(attrs={"type": "search"})
