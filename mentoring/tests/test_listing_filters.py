"""The list pages' cells written by filters give the markup the includes gave (issue 21)."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from mentoring.lib.urls import uuid_url
from mentoring.templatetags.listing import filter_fields, select_options
from pairs.models import Pair
from pairs.templatetags.pairs_tags import pair_people, pair_rows, program_progress, status_badge
from people.filters import MentorFilter, PersonFilter
from people.models import Mentor, MentoringForm, MentoringType, Person
from people.templatetags.people_tags import account_badge, consent_badge, mentor_rows

OLD_OPTIONS = (
    '{% with current=field.value|stringformat:"s" %}{% for value, label in field.field.choices %}'
    '<option value="{{ value }}" {% if current == value|stringformat:"s" %}selected{% endif %}>{{ label }}'
    "</option>{% endfor %}{% endwith %}"
)


class Choices(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Все"), ("a<b", 'Тэг "<b>" & co'), ("2", "Два")], required=False)


def test_select_options_escape_and_mark_the_current_value():
    for data in ({"kind": "a<b"}, {"kind": "2"}, {}):
        field = Choices(data=data)["kind"]
        old = Template(OLD_OPTIONS).render(Context({"field": field}))
        new = select_options(field)
        assert new.count("selected") == (1 if data else 0)
        assert new == old.replace('" >', '">')  # the same markup, less the space before «>»
    assert "<b>" not in select_options(Choices(data={})["kind"])


def test_pair_cells():
    pair = Pair(status=Pair.Status.ACTIVE)
    pair._mentor_names, pair._mentee_names = ["Иванова А.П."], ["Петров <b>", "Сидоров"]
    assert "Иванова А.П." in pair_people(pair) and "Петров &lt;b&gt;, Сидоров" in pair_people(pair)
    assert "text-bg-success" in status_badge(pair) and pair.get_status_display() in status_badge(pair)
    assert "text-bg-danger" in status_badge(Pair(status=Pair.Status.TERMINATED))
    assert "нет программы" in program_progress(SimpleNamespace(items_total=0))
    bar = program_progress(SimpleNamespace(items_total=3, items_done=2))
    assert 'value="67"' in bar and "2/3" in bar


def test_people_badges():
    assert "согласие действует" in consent_badge(SimpleNamespace(consent_valid=True))
    assert "нет согласия" in consent_badge(SimpleNamespace(consent_valid=False))
    assert "приглашён" in account_badge(SimpleNamespace(account_state="invited"))
    assert "не приглашён" in account_badge(SimpleNamespace(account_state=None))


# The table loops the row filters replace, as the templates had them (issue 21).
OLD_MENTOR_ROWS = (
    "{% load people_tags %}{% for mentor in page.object_list %}\n  <tr>\n    {% if can_invite %}<td>"
    '<input class="form-check-input" type="checkbox" name="people" value="{{ mentor.person.uuid }}" '
    'aria-label="Выбрать: {{ mentor.person.full_name }}"></td>{% endif %}\n'
    '    <td><a href="{{ mentor.person.get_absolute_url }}">{{ mentor.person.full_name }}</a></td>\n'
    '    <td>{% if mentor.person.kind == "student" %}{{ mentor.person.school_class }}{% else %}'
    "{{ mentor.person.position }}{% endif %}</td>\n"
    '    <td class="small">{{ mentor.competency_names|join:"; " }}</td>\n'
    '    <td class="small">{{ mentor.form_names|join:"; " }}</td>\n'
    "    <td>{{ mentor.capacity }}</td>\n    <td>{{ mentor.get_status_display }}</td>\n"
    "    <td>{{ mentor|consent_badge }}</td>\n    <td>{{ mentor|account_badge }}</td>\n  </tr>\n  {% endfor %}"
)
OLD_PAIR_ROWS = (
    "{% load pairs_tags %}{% for pair in page.object_list %}\n  <tr>\n"
    '    <td><a href="{{ pair.get_absolute_url }}">{{ pair|pair_people }}</a>{% if pair.is_group %} '
    '<span class="badge text-bg-info">группа</span>{% endif %}</td>\n'
    '    <td class="small">{{ pair.form }}<br><span class="text-muted">{{ pair.type }}</span></td>\n'
    "    <td>{{ pair|status_badge }}</td>\n"
    '    <td class="small">{{ pair.planned_start|date:"d.m.Y" }} – {{ pair.planned_end|date:"d.m.Y" }}</td>\n'
    "    <td>{{ pair.meetings_count }}</td>\n    <td>{{ pair|program_progress }}</td>\n  </tr>\n  {% endfor %}"
)


def _mentor(kind, **person):
    mentor = Mentor(person=Person(kind=kind, **person), status=Mentor.Status.ACTIVE, capacity=3)
    mentor.competency_names, mentor.form_names = ["Цифровая <среда>", "Проекты & «кейсы»"], []
    mentor.consent_valid, mentor.account_state = kind == "student", "invited"
    return mentor


@pytest.mark.parametrize("can_invite", [True, False])
def test_mentor_rows_give_the_markup_of_the_template_loop(can_invite):
    mentors = [
        _mentor("staff", last_name="О'Нил <b>", first_name="Анна", position='Учитель "истории"'),
        _mentor("student", last_name="Петров", first_name="Иван", middle_name="", school_class="10А"),
    ]
    old = Template(OLD_MENTOR_ROWS).render(
        Context({"page": {"object_list": mentors}, "can_invite": can_invite})
    )
    assert mentor_rows(mentors, can_invite) == old
    assert ("&lt;b&gt;" in old) and ("&lt;среда&gt;" in old) and ("10А" in old)
    assert old.count('type="checkbox"') == (2 if can_invite else 0)


def _pair(is_group, items_total, **dates):
    pair = Pair(
        status=Pair.Status.COMPLETED,
        form=MentoringForm(name="учитель – <учитель>"),
        type=MentoringType(name="Ситуационное & краткосрочное", is_group=is_group),
        **dates,
    )
    pair._mentor_names, pair._mentee_names = ["О'Нил А."], ["Петров И. (7А)"]
    pair.meetings_count, pair.items_total, pair.items_done = 4, items_total, 1
    return pair


def test_pair_rows_give_the_markup_of_the_template_loop():
    pairs = [
        _pair(False, 0, planned_start=date(2026, 9, 1), planned_end=date(2027, 5, 31)),
        _pair(True, 3, planned_start=date(2026, 1, 9), planned_end=date(2026, 12, 1)),
    ]
    old = Template(OLD_PAIR_ROWS).render(Context({"page": {"object_list": pairs}}))
    assert pair_rows(pairs) == old
    assert "01.09.2026 – 31.05.2027" in old and old.count("группа</span>") == 1 and "&lt;учитель&gt;" in old


def test_uuid_url_is_reverse_with_the_uuid_put_in():
    for viewname in ("people:person_detail", "pairs:pair_detail"):
        url = uuid_url(viewname)
        for value in (uuid.uuid4(), uuid.uuid4()):
            assert url(value) == reverse(viewname, args=[value])


OLD_FILTER_FIELDS = (
    "{% load listing %}{% for field in filter.form %}\n"
    '  <div class="col-6 col-md-4 col-lg-2">\n'
    '    <label class="form-label small mb-0" for="{{ field.id_for_label }}">{{ field.label }}</label>\n'
    '    {% if field.field.widget.input_type == "select" %}\n'
    '    <select class="form-select form-select-sm" name="{{ field.html_name }}" id="{{ field.id_for_label }}" '
    "data-autosubmit>\n      {{ field|select_options }}\n    </select>\n    {% else %}\n"
    '    <input class="form-control form-control-sm" type="search" name="{{ field.html_name }}" '
    'id="{{ field.id_for_label }}" value="{{ field.value|default:\'\' }}">\n    {% endif %}\n  </div>\n  {% endfor %}'
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filterset, data",
    [
        (PersonFilter, None),
        (PersonFilter, {"q": 'О\'Нил "<b>"', "kind": "student", "school_class": "7А", "ordering": "-name"}),
        (MentorFilter, None),
        (MentorFilter, {"status": "active", "form": "1", "subject": "история & право"}),
    ],
)
def test_filter_fields_give_the_markup_of_the_template_loop(filterset, data):
    model = Person if filterset is PersonFilter else Mentor
    form = filterset(data, queryset=model.objects.none()).form
    old = Template(OLD_FILTER_FIELDS).render(Context({"filter": {"form": form}}))
    assert filter_fields(form) == old
    assert old.count("<select") >= 3 and old.count('type="search"') >= 2
