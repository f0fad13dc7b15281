"""Results per question and the start-versus-end comparison, on small known cases."""

from __future__ import annotations

import pytest

from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
from reports.surveys import actions as survey_actions
from reports.surveys.models import Participation, Question
from reports.surveys.results import campaign_results, compare
from reports.surveys.tests.factories import answers, make_campaign, small_questionnaire, submit

pytestmark = pytest.mark.django_db


def _by_text(sections):
    return {r.question.text: r for _, results in sections for r in results}


@pytest.fixture
def three(world):
    """A pair with a mentor and two mentees: three addressees."""
    pair = make_pair(
        world.org,
        [consenting_mentor(world.org)],
        [consenting_mentee(world.org), consenting_mentee(world.org)],
        capacity_override_reason="группа",
        status="active",
    )
    people = pair.participant_people()
    return pair, people


def test_counts_means_and_distributions(world, three):
    pair, (a, b, c) = three
    campaign = make_campaign(world.org, pairs=[pair])
    submit(campaign, a, overall=4, **{"Что было полезно": [0, 2], "Комментарий": "Мало времени"})
    submit(campaign, b, overall=8, **{"Что было полезно": [2]})
    submit(campaign, c, overall=9)
    # c answers again: «продолжите участие» becomes «нет»
    items = answers(campaign, **{"Общая оценка": 9, "Продолжите участие?": 0, "Ваша роль": 0})
    survey_actions.response_submit(campaign, person=c, answers=items, actor=None)
    results = _by_text(campaign_results(campaign, names=True))
    overall = results["Общая оценка"]
    assert overall.respondents == 3 and overall.mean == pytest.approx(7.0)
    assert dict(overall.distribution) == {str(n): {4: 1, 8: 1, 9: 1}.get(n, 0) for n in range(1, 11)}
    yes = results["Продолжите участие?"]
    assert yes.mean == pytest.approx(2 / 3) and dict(yes.distribution) == {"да": 2, "нет": 1}
    role = results["Ваша роль"]
    assert dict(role.distribution) == {"наставник": 1, "наставляемый": 2} and role.mean is None
    useful = results["Что было полезно"]
    assert useful.respondents == 2 and dict(useful.distribution) == {"встречи": 1, "план": 0, "уроки": 2}
    assert useful.share(2) == 1.0
    comment = results["Комментарий"]
    assert comment.texts == [("Мало времени", a.full_name)] and comment.texts_total == 1
    assert _by_text(campaign_results(campaign, names=False))["Комментарий"].texts == [("Мало времени", "")]


def test_text_answers_are_limited_on_the_page_but_counted(world, three):
    pair, people = three
    campaign = make_campaign(world.org, pairs=[pair])
    for n, person in enumerate(people):
        submit(campaign, person, **{"Комментарий": f"отзыв {n}"})
    comment = _by_text(campaign_results(campaign, names=False, text_limit=2))["Комментарий"]
    assert comment.texts_total == 3 and [t for t, _ in comment.texts] == ["отзыв 2", "отзыв 1"]


def test_start_versus_end_for_the_same_people(world, three):
    """Start: a 4, b 6, c 8. End: a 7, b 9, and d (new, 10); c did not answer at the end.
    All respondents: 6.0 → 8.67. The same people (a, b): 5.0 → 8.0, growth +3.0."""
    pair, (a, b, c) = three
    start_q = small_questionnaire(world.org, title="Начало")
    end_q = small_questionnaire(world.org, title="Завершение")
    start = make_campaign(world.org, start_q, pairs=[pair], title="Начало")
    for person, value in ((a, 4), (b, 6), (c, 8)):
        submit(start, person, overall=value)
    newcomer = consenting_mentee(world.org)
    end = make_campaign(world.org, end_q, target="mentees", title="Завершение", baseline=start)
    end_people = set(end.participations.values_list("person_id", flat=True))
    assert {b.pk, newcomer.person.pk} <= end_people
    Participation.objects.get_or_create(campaign=end, person=a)
    for person, value in ((a, 7), (b, 9), (newcomer.person, 10)):
        submit(end, person, overall=value)
    [growth] = compare(start, end)
    assert growth.text == "Общая оценка" and growth.scale == 10
    assert (growth.start_n, growth.end_n) == (3, 3)
    assert growth.start_mean == 6.0 and growth.end_mean == pytest.approx(8.67)
    assert growth.delta == pytest.approx(2.67)
    assert growth.same_people == 2
    assert (growth.same_start, growth.same_end, growth.same_delta) == (5.0, 8.0, 3.0)


def test_anonymous_comparison_has_means_but_no_same_people(world, three):
    pair, (a, b, c) = three
    start = make_campaign(world.org, pairs=[pair], anonymous=True, title="Начало")
    end = make_campaign(
        world.org, small_questionnaire(world.org), pairs=[pair], anonymous=True, baseline=start
    )
    submit(start, a, overall=5)
    submit(end, a, overall=9)
    [growth] = compare(start, end)
    assert (growth.start_mean, growth.end_mean, growth.delta) == (5.0, 9.0, 4.0)
    assert growth.same_people == 0 and growth.same_delta is None


def test_questions_match_by_code_or_text_and_kind(world):
    start_q = small_questionnaire(world.org)
    end_q = small_questionnaire(world.org)
    Question.objects.filter(section__questionnaire=end_q, code="overall").update(text="Итоговая оценка")
    start = make_campaign(world.org, start_q, target="curators")
    end = make_campaign(world.org, end_q, target="curators")
    assert [g.text for g in compare(start, end)] == ["Итоговая оценка"]  # same code, new wording
    Question.objects.filter(section__questionnaire=end_q, code="overall").update(kind="scale5")
    assert compare(start, end) == []  # a 1–5 scale is not the same question as a 1–10 one
