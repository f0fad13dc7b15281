"""The list pages' cells written by filters give the markup the includes gave (issue 21)."""

from __future__ import annotations

from types import SimpleNamespace

from django import forms
from django.template import Context, Template

from mentoring.templatetags.listing import select_options
from pairs.models import Pair
from pairs.templatetags.pairs_tags import pair_people, program_progress, status_badge
from people.templatetags.people_tags import account_badge, consent_badge

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
