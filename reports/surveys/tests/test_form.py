"""The answer form accepts exactly the answers a question allows, and says what is wrong in Russian."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.surveys import actions as survey_actions
from reports.surveys.forms import BAD_CHOICE, REQUIRED, AnswerForm
from reports.surveys.models import Question

pytestmark = pytest.mark.django_db

KINDS = {
    "scale10": ([], True),
    "scale5": ([], True),
    "single": (["а", "б", "в"], True),
    "multiple": (["а", "б", "в", "г"], False),
    "yesno": ([], True),
    "short": ([], False),
    "long": ([], True),
}


def _questions() -> list[Question]:
    """Unsaved questions with ids, one of each kind (the form only reads them)."""
    return [
        Question(pk=n, section_id=1, text=f"Вопрос {kind}", kind=kind, options=options, required=required)
        for n, (kind, (options, required)) in enumerate(KINDS.items(), start=1)
    ]


def allowed(question: Question) -> set[str]:
    return {str(v) for v, _ in question.value_labels()}


raw = st.one_of(
    st.none(),
    st.text(max_size=8),
    st.integers(-3, 14).map(str),
    st.lists(st.integers(-1, 5).map(str), max_size=5),
)
HYPOTHESIS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS
@given(values=st.fixed_dictionaries({kind: raw for kind in KINDS}))
def test_valid_exactly_when_every_answer_is_allowed(values):
    questions = _questions()
    data = {}
    for q in questions:
        value = values[q.kind]
        if value is None:
            continue
        data[f"q{q.pk}"] = value
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    form = AnswerForm(query, questions=questions)

    def ok(q: Question) -> bool:
        items = query.getlist(f"q{q.pk}")
        if q.is_text:
            text = items[-1] if items else ""
            limit = 300 if q.kind == "short" else 5000
            fits = len(text.strip()) <= limit and "\x00" not in text  # Django refuses NUL characters
            return (bool(text.strip()) or not q.required) and fits
        if q.kind == "multiple":
            return (bool(items) or not q.required) and set(items) <= allowed(q)
        value = items[-1] if items else ""
        return (value == "" and not q.required) or value in allowed(q)

    assert form.is_valid() == all(ok(q) for q in questions), form.errors
    if form.is_valid():
        for answer in survey_actions.answers_for(questions, form.cleaned_data):
            q = answer.question
            assert (answer.text != "") if q.is_text else str(answer.value) in allowed(q)
    else:
        for errors in form.errors.values():
            for message in errors:
                assert message.isascii() is False  # every message is a Russian sentence


def test_missing_required_answers_are_named_and_counted():
    questions = _questions()
    form = AnswerForm({"q1": "7"}, questions=questions)
    assert not form.is_valid()
    missing = [q for q in questions if q.required and q.pk != 1]
    assert all(form.errors[f"q{q.pk}"] == [REQUIRED] for q in missing)
    assert form.non_field_errors() == [
        f"Не заполнены обязательные вопросы: {len(missing)}. Они отмечены ниже; ответы на остальные вопросы "
        "сохранены в форме."
    ]


@pytest.mark.parametrize("value", ["0", "11", "abc", "-1"])
def test_a_scale_value_out_of_range_is_refused(value):
    questions = [Question(pk=1, section_id=1, text="Оценка", kind="scale10", required=True)]
    form = AnswerForm({"q1": value}, questions=questions)
    assert not form.is_valid() and form.errors["q1"] == [BAD_CHOICE]


def test_multiple_choice_keeps_each_option_once():
    question = Question(pk=1, section_id=1, text="Что", kind="multiple", options=["а", "б"], required=True)
    form = AnswerForm({"q1": ["1", "0", "1"]}, questions=[question])
    assert form.is_valid()
    assert [a.value for a in survey_actions.answers_for([question], form.cleaned_data)] == [0, 1]
