"""Survey pages per role: the curator builds and runs, the director reads, addressees answer;
another organization sees nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pairs.tests.factories import world_pair
from reports.surveys.models import Answer, Campaign, Participation, Question, Questionnaire, SurveyResponse
from reports.surveys.tests.factories import (
    make_campaign,
    submit,
    world_campaign,
    world_draft,
    world_question,
    world_response,
)

pytestmark = pytest.mark.django_db


def _fields(campaign, **by_text):
    """POST data of the answer form by question text; options by their index."""
    data = {}
    for q in Question.objects.filter(section__questionnaire=campaign.questionnaire):
        if q.text in by_text:
            data[f"q{q.pk}"] = by_text[q.text]
    return data


def _required(campaign, overall="8"):
    return _fields(campaign, **{"Общая оценка": overall, "Продолжите участие?": "1", "Ваша роль": "0"})


# ---------------------------------------------------------------- curator


def test_curator_builds_a_questionnaire_from_a_template_and_adds_a_question(world, login):
    client = login(world.users["curator"])
    response = client.post(reverse("surveys:questionnaire_create"), {"template": "curator"})
    questionnaire = Questionnaire.objects.get(organization=world.org, template_key="curator")
    assert response.status_code == 302 and response["Location"] == questionnaire.get_absolute_url()
    section = questionnaire.sections.order_by("position").last()
    url = reverse("surveys:question_new", args=[questionnaire.uuid, section.pk])
    bad = client.post(url, {"text": "Формат", "kind": "single", "options_text": "очно", "required": "on"})
    assert "не меньше двух вариантов" in bad.content.decode()
    before = section.questions.count()
    client.post(
        url, {"text": "Формат", "kind": "single", "options_text": "очно\nдистанционно", "required": "on"}
    )
    added = section.questions.order_by("position").last()
    assert section.questions.count() == before + 1
    assert (added.text, added.options, added.position) == ("Формат", ["очно", "дистанционно"], before + 1)


def test_curator_creates_and_launches_a_campaign_for_a_pair(world, login):
    pair = world_pair(world)
    questionnaire = world_draft(world).questionnaire
    client = login(world.users["curator"])
    data = {
        "title": "Срез",
        "questionnaire": questionnaire.pk,
        "academic_year": world_draft(world).academic_year_id,
        "target": "pairs",
        "target_pairs": [pair.pk],
        "opens_on": world_draft(world).opens_on.isoformat(),
        "closes_on": world_draft(world).closes_on.isoformat(),
        "anonymous": "on",
    }
    response = client.post(reverse("surveys:campaign_create"), data)
    campaign = Campaign.objects.get(title="Срез")
    assert response.status_code == 302 and campaign.status == "draft" and campaign.anonymous
    assert "Адресатов будет" in client.get(campaign.get_absolute_url()).content.decode()
    client.post(reverse("surveys:campaign_launch", args=[campaign.uuid]))
    campaign.refresh_from_db()
    assert campaign.status == "open" and campaign.participations.count() == 2


def test_campaign_form_says_what_is_missing_in_russian(world, login):
    client = login(world.users["curator"])
    response = client.post(reverse("surveys:campaign_create"), {"title": "x", "target": "school_class"})
    page = response.content.decode()
    assert response.status_code == 200 and not Campaign.objects.filter(title="x").exists()
    assert "Укажите класс" in page and "Обязательное поле" in page


def test_the_other_schools_questionnaire_is_not_offered(world, login):
    from reports.surveys.tests.factories import small_questionnaire

    foreign = small_questionnaire(world.other_org, title="Чужая анкета")
    page = login(world.users["curator"]).get(reverse("surveys:campaign_create")).content.decode()
    assert "Чужая анкета" not in page and str(foreign.uuid) not in page


# ---------------------------------------------------------------- respondents


def test_mentee_sees_the_pending_survey_on_the_dashboard(world, login):
    campaign = world_campaign(world)
    page = login(world.users["mentee"]).get(reverse("dashboard")).content.decode()
    assert reverse("surveys:campaign_answer", args=[campaign.uuid]) in page and "ждут ответа — 1" in page


def test_required_questions_are_enforced_with_clear_messages(world, login):
    campaign = world_campaign(world)
    client = login(world.users["mentee"])
    url = reverse("surveys:campaign_answer", args=[campaign.uuid])
    response = client.post(url, _fields(campaign, **{"Общая оценка": "7"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Не заполнены обязательные вопросы: 2" in page
    assert page.count("Это обязательный вопрос") == 2
    assert not SurveyResponse.objects.filter(campaign=campaign).exists()
    assert not Participation.objects.get(campaign=campaign, person=world.person_of("mentee")).answered


def test_mentee_answers_once_and_changes_the_answers(world, login):
    campaign = world_campaign(world)
    client = login(world.users["mentee"])
    url = reverse("surveys:campaign_answer", args=[campaign.uuid])
    assert client.post(url, _required(campaign, "6")).status_code == 302
    page = client.get(url).content.decode()
    assert "Вы уже ответили" in page and re.search(r'value="6"[^>]*checked', page)
    client.post(url, {**_required(campaign, "9"), **_fields(campaign, **{"Комментарий": "спасибо"})})
    response = SurveyResponse.objects.get(campaign=campaign)
    assert response.person == world.person_of("mentee")
    assert Answer.objects.get(response=response, question__text="Общая оценка").value == 9
    assert Answer.objects.get(response=response, question__text="Комментарий").text == "спасибо"


def test_after_close_the_respondent_sees_own_answers_read_only(world, login):
    world_response(world)
    campaign = world_campaign(world)
    Campaign.objects.filter(pk=campaign.pk).update(status="closed")
    client = login(world.users["mentee"])
    url = reverse("surveys:campaign_answer", args=[campaign.uuid])
    page = client.get(url).content.decode()
    assert "Ваши ответы" in page and "disabled" in page and "ответы больше не принимаются" in page
    client.post(url, _required(campaign, "1"))
    assert Answer.objects.get(response__campaign=campaign, question__text="Общая оценка").value == 8


def test_anonymous_answer_is_edited_with_the_code_kept_in_the_browser(world, login, client):
    from django.test import Client

    campaign = world_campaign(world, anonymous=True)
    login(world.users["mentee"])
    url = reverse("surveys:campaign_answer", args=[campaign.uuid])
    client.post(url, _required(campaign, "5"))
    response = SurveyResponse.objects.get(campaign=campaign)
    assert response.person_id is None
    page = client.get(url).content.decode()
    assert "Код для изменения ответов" in page
    code = page.split('<code class="fs-6">')[1].split("</code>")[0]
    client.post(url, _required(campaign, "7"))
    assert Answer.objects.get(response=response, question__text="Общая оценка").value == 7

    # Another browser: the code is asked for; a wrong one is refused, the right one opens the answers.
    other = Client()
    other.force_login(world.users["mentee"], backend="django.contrib.auth.backends.ModelBackend")
    assert "введите код" in other.get(url).content.decode()
    other.post(url, _required(campaign, "1"))
    assert Answer.objects.get(response=response, question__text="Общая оценка").value == 7
    refused = other.post(url, {"edit_code": "не тот"}, follow=True).content.decode()
    assert "Код не подходит" in refused and "введите код" in refused
    other.post(url, {"edit_code": code})
    other.post(url, _required(campaign, "2"))
    assert Answer.objects.get(response=response, question__text="Общая оценка").value == 2
    assert SurveyResponse.objects.filter(campaign=campaign).count() == 1


def test_a_person_outside_the_roster_gets_404(world, login):
    from people.tests.factories import make_member

    campaign = world_campaign(world)
    stranger = make_member(world.org, "mentor", username="stranger")
    client = login(stranger)
    url = reverse("surveys:campaign_answer", args=[campaign.uuid])
    assert client.get(url).status_code == 404
    assert client.post(url, _required(campaign)).status_code == 404
    assert not campaign.responses.exists()


def test_my_surveys_lists_only_own_campaigns(world, login):
    campaign = world_campaign(world)
    make_campaign(world.org, pairs=[world_pair(world)], title="Только куратору", target="curators")
    page = login(world.users["mentor"]).get(reverse("surveys:my_surveys")).content.decode()
    assert campaign.questionnaire.title in page and "ждёт ответа" in page
    assert "Только куратору" not in page


# ---------------------------------------------------------------- results and names


def test_curator_sees_names_on_named_answers_and_the_director_does_not(world, login):
    campaign = world_campaign(world)
    submit(campaign, world.person_of("mentee"), **{"Комментарий": "Очень полезно"})
    url = reverse("surveys:campaign_results", args=[campaign.uuid])
    name = world.person_of("mentee").full_name
    curator_page = login(world.users["curator"]).get(url).content.decode()
    assert "Очень полезно" in curator_page and name in curator_page
    director_page = login(world.users["director"]).get(url).content.decode()
    assert "Очень полезно" in director_page and name not in director_page
    assert reverse("surveys:response_detail", args=[campaign.responses.get().uuid]) not in director_page


def test_anonymous_results_show_no_names_even_to_the_curator(world, login):
    campaign = world_campaign(world, anonymous=True)
    submit(campaign, world.person_of("mentee"), **{"Комментарий": "Анонимный отзыв"})
    page = (
        login(world.users["curator"])
        .get(reverse("surveys:campaign_results", args=[campaign.uuid]))
        .content.decode()
    )
    # One answer: the free text is withheld too (fewer than five, see test_anonymity).
    assert "Анонимный отзыв" not in page and world.person_of("mentee").full_name not in page
    assert "Ответы участников" not in page and "не менее 5 человек" in page


def test_curator_opens_one_named_response(world, login):
    response = world_response(world)
    page = login(world.users["curator"]).get(reverse("surveys:response_detail", args=[response.uuid]))
    assert page.status_code == 200 and world.person_of("mentee").full_name in page.content.decode()


def test_results_page_shows_counts_means_and_chart_data(world, login):
    campaign = world_campaign(world)
    submit(campaign, world.person_of("mentee"), overall=6)
    submit(campaign, world.person_of("mentor"), overall=9)
    page = login(world.users["director"]).get(reverse("surveys:campaign_results", args=[campaign.uuid]))
    text = page.content.decode()
    assert "Ответили 2 из 2" in text and "среднее <strong>7,50</strong>" in text
    assert 'id="survey-charts"' in text and "vendor/chart.umd.min.js" in text


# ---------------------------------------------------------------- another organization


OTHER_GETS = [
    ("surveys:campaign_detail", lambda w: [world_campaign(w).uuid]),
    ("surveys:campaign_results", lambda w: [world_campaign(w).uuid]),
    ("surveys:campaign_edit", lambda w: [world_draft(w).uuid]),
    ("surveys:campaign_answer", lambda w: [world_campaign(w).uuid]),
    ("surveys:response_detail", lambda w: [world_response(w).uuid]),
    ("surveys:questionnaire_detail", lambda w: [world_draft(w).questionnaire.uuid]),
    ("surveys:questionnaire_edit", lambda w: [world_draft(w).questionnaire.uuid]),
    ("surveys:section_edit", lambda w: [world_draft(w).questionnaire.uuid, world_question(w).section_id]),
    ("surveys:question_new", lambda w: [world_draft(w).questionnaire.uuid, world_question(w).section_id]),
    ("surveys:question_edit", lambda w: [world_draft(w).questionnaire.uuid, world_question(w).pk]),
]
OTHER_POSTS = [
    ("statistics:campaign_export", lambda w: [world_campaign(w).uuid, "answers"]),
    ("surveys:campaign_launch", lambda w: [world_draft(w).uuid]),
    ("surveys:campaign_delete", lambda w: [world_draft(w).uuid]),
    ("surveys:campaign_close", lambda w: [world_campaign(w).uuid]),
    ("surveys:questionnaire_copy", lambda w: [world_draft(w).questionnaire.uuid]),
    ("surveys:section_add", lambda w: [world_draft(w).questionnaire.uuid]),
    ("surveys:section_delete", lambda w: [world_draft(w).questionnaire.uuid, world_question(w).section_id]),
    ("surveys:question_delete", lambda w: [world_draft(w).questionnaire.uuid, world_question(w).pk]),
    ("surveys:question_move", lambda w: [world_draft(w).questionnaire.uuid, world_question(w).pk]),
]


@pytest.mark.parametrize("name,args", OTHER_GETS, ids=[n for n, _ in OTHER_GETS])
def test_curator_of_other_school_gets_404(world, login, name, args):
    response = login(world.other_curator).get(reverse(name, args=args(world)))
    assert response.status_code == 404


def _state():
    return (
        list(Campaign.objects.order_by("id").values_list("status", flat=True)),
        Questionnaire.objects.count(),
        Question.objects.count(),
        list(Question.objects.order_by("id").values_list("position", flat=True)),
    )


@pytest.mark.parametrize("name,args", OTHER_POSTS, ids=[n for n, _ in OTHER_POSTS])
def test_curator_of_other_school_cannot_change_anything(world, login, name, args):
    url = reverse(name, args=args(world))
    world_campaign(world)
    before = _state()
    response = login(world.other_curator).post(url, {"title": "x", "direction": "up"})
    assert response.status_code == 404
    assert _state() == before


def test_other_school_lists_do_not_show_our_campaigns(world, login):
    campaign = world_campaign(world)
    client = login(world.other_curator)
    assert campaign.title not in client.get(reverse("surveys:campaign_list")).content.decode()
    assert (
        campaign.questionnaire.title not in client.get(reverse("surveys:questionnaire_list")).content.decode()
    )


def test_two_campaigns_of_one_questionnaire_are_told_apart_on_my_surveys_and_the_dashboard(world, login):
    from datetime import timedelta

    from django.utils import timezone

    from reports.surveys.tests.factories import make_campaign, small_questionnaire, world_pair

    today = timezone.localdate()
    questionnaire = small_questionnaire(world.org)
    pair = world_pair(world)
    first = make_campaign(
        world.org,
        questionnaire,
        pairs=[pair],
        title="Удовлетворённость: начало программы",
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=5),
    )
    second = make_campaign(
        world.org,
        questionnaire,
        pairs=[pair],
        title="Удовлетворённость: промежуточный срез",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=12),
    )
    client = login(world.users["mentee"])
    for url in (reverse("surveys:my_surveys"), reverse("dashboard")):
        page = client.get(url).content.decode()
        assert first.title in page and second.title in page, url
        assert f"{second.closes_on:%d.%m.%Y}" in page and f"{first.closes_on:%d.%m.%Y}" in page, url
