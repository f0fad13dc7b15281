"""Campaign workflows: the roster of each target group, answering once, editing, anonymity."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from mentoring.lib.actions import ActionRefused
from mentoring.tests.history import history_contexts
from pairs.models import Pair
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair, teacher_form, world_pair
from people.models import Mentor
from people.tests.factories import StudentFactory
from reports.surveys import actions
from reports.surveys.models import (
    Answer,
    Campaign,
    Participation,
    Question,
    Questionnaire,
    Section,
    SurveyResponse,
)
from reports.surveys.tests.factories import make_campaign, required_answers, small_questionnaire, submit

pytestmark = pytest.mark.django_db


def roster(campaign) -> set[int]:
    return set(campaign.participations.values_list("person_id", flat=True))


def test_every_template_becomes_an_editable_questionnaire_of_the_school(world):
    from reports.surveys.standard import TEMPLATES

    for key, template in TEMPLATES.items():
        q = actions.questionnaire_from_template(world.org, key, actor=None)
        assert q.organization == world.org and q.title == template.title and q.kind == template.kind
        assert Question.objects.filter(section__questionnaire=q).count() == sum(
            len(s.questions) for s in template.sections
        )
        assert not q.is_locked
    assert set(Questionnaire.Kind.values) - {"other"} == {t.kind for t in TEMPLATES.values()}


def test_roster_of_each_target_group(world):
    pair = world_pair(world)
    mentor_in_pair = pair.pair_mentors.get().mentor
    inactive = consenting_mentor(world.org, status=Mentor.Status.INACTIVE)
    other_form_pair = make_pair(
        world.org, [consenting_mentor(world.org)], [consenting_mentee(world.org)], form=teacher_form()
    )
    student = StudentFactory(organization=world.org, school_class="7Б")
    StudentFactory(organization=world.org, school_class="8А")
    StudentFactory(organization=world.other_org, school_class="7Б")

    mentors = make_campaign(world.org, target=Campaign.Target.MENTORS)
    assert mentor_in_pair.person_id in roster(mentors) and inactive.person_id not in roster(mentors)
    pairs = make_campaign(world.org, pairs=[pair])
    assert roster(pairs) == {world.person_of("mentor").pk, world.person_of("mentee").pk}
    form = make_campaign(world.org, target=Campaign.Target.FORM_MENTEES, target_form=teacher_form())
    mentee_people = {link.mentee.person_id for p in (pair, other_form_pair) for link in p.pair_mentees.all()}
    assert roster(form) == mentee_people
    klass = make_campaign(world.org, target=Campaign.Target.SCHOOL_CLASS, target_class=" 7б ")
    assert roster(klass) == {student.pk, world.student.pk}  # both in 7Б of school A
    curators = make_campaign(world.org, target=Campaign.Target.CURATORS)
    assert roster(curators) == {world.person_of("curator").pk}  # not the other school's curator


def test_launch_refuses_an_empty_group_a_past_period_and_a_second_launch(world):
    empty = make_campaign(world.org, target=Campaign.Target.SCHOOL_CLASS, target_class="11Я", launch=False)
    with pytest.raises(ValidationError, match="опрашивать некого"):
        actions.campaign_launch(empty, actor=None)
    past = make_campaign(
        world.org,
        pairs=[world_pair(world)],
        launch=False,
        opens_on=timezone.localdate() - timedelta(days=20),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="Срок анкетирования уже прошёл"):
        actions.campaign_launch(past, actor=None)
    done = make_campaign(world.org, pairs=[world_pair(world)])
    with pytest.raises(ValidationError, match="уже запущено"):
        actions.campaign_launch(done, actor=None)
    assert Participation.objects.filter(campaign__in=[empty, past]).count() == 0


def test_a_launched_campaign_cannot_be_changed_or_deleted(world):
    campaign = make_campaign(world.org, pairs=[world_pair(world)])
    campaign.title = "Другое"
    with pytest.raises(ValidationError, match="уже запущено"):
        actions.campaign_save(campaign, pairs=[world_pair(world)], actor=None)
    with pytest.raises(ValidationError, match="только черновик"):
        actions.campaign_delete(campaign, actor=None)


def test_campaign_of_another_school_pairs_or_questionnaire_is_refused(world):
    other_pair = make_pair(
        world.other_org, [consenting_mentor(world.other_org)], [consenting_mentee(world.other_org)]
    )
    with pytest.raises(ValidationError, match="из этой организации"):
        make_campaign(world.org, pairs=[other_pair], launch=False)
    foreign = small_questionnaire(world.other_org)
    with pytest.raises(ValidationError, match="другой организации"):
        make_campaign(world.org, foreign, pairs=[world_pair(world)], launch=False)


def test_named_answer_once_then_edit_until_close(world):
    campaign = make_campaign(world.org, pairs=[world_pair(world)])
    mentee = world.person_of("mentee")
    first = submit(campaign, mentee, overall=5)
    assert first.created and first.edit_key is None and first.response.person == mentee
    again = submit(campaign, mentee, overall=9)
    assert not again.created and again.response.pk == first.response.pk
    assert SurveyResponse.objects.filter(campaign=campaign).count() == 1
    assert Answer.objects.get(response=first.response, question__text="Общая оценка").value == 9
    assert again.response.updated_at is not None
    actions.campaign_close(campaign, actor=None)
    with pytest.raises(ValidationError, match="не принимает ответы"):
        submit(campaign, mentee, overall=1)
    assert Answer.objects.get(response=first.response, question__text="Общая оценка").value == 9


def test_someone_outside_the_roster_cannot_answer(world):
    campaign = make_campaign(world.org, pairs=[world_pair(world)])
    with pytest.raises(ValidationError, match="адресовано не вам"):
        submit(campaign, world.staff)
    assert not campaign.responses.exists()


def test_a_campaign_not_yet_open_takes_no_answers(world):
    today = timezone.localdate()
    campaign = make_campaign(
        world.org,
        pairs=[world_pair(world)],
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=9),
    )
    with pytest.raises(ValidationError, match="ещё не началось"):
        submit(campaign, world.person_of("mentor"))


def test_anonymous_response_keeps_no_person_and_no_time(world):
    campaign = make_campaign(world.org, pairs=[world_pair(world)], anonymous=True)
    mentee = world.person_of("mentee")
    done = submit(campaign, mentee, overall=6, **{"Комментарий": "всё хорошо"})
    response = SurveyResponse.objects.get(pk=done.response.pk)
    assert response.person_id is None and response.submitted_at is None and response.updated_at is None
    assert response.edit_key_hash and done.edit_key not in response.edit_key_hash
    participation = Participation.objects.get(campaign=campaign, person=mentee)
    assert participation.answered
    # Nothing on the participation points at the response, and no column of either orders them.
    assert {f.name for f in Participation._meta.concrete_fields} == {
        "id",
        "campaign",
        "person",
        "answered",
        # issue 19: the parent addressed, and the digest of a personal link (no time)
        "representative",
        "link_digest",
        "link_issued",
        "code_digest",  # the short code of the personal link (issue 19), no time either
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "select count(*) from information_schema.columns where table_name = 'pairs_surveyresponse' "
            "and data_type like 'timestamp%%'"
        )
        assert cursor.fetchone()[0] == 2  # submitted_at and updated_at, both NULL when anonymous


def test_anonymous_answer_once_and_edit_with_the_key_only(world):
    campaign = make_campaign(world.org, pairs=[world_pair(world)], anonymous=True)
    mentee = world.person_of("mentee")
    first = submit(campaign, mentee, overall=4)
    with pytest.raises(ValidationError, match="введите код"):
        submit(campaign, mentee, overall=10)
    edited = actions.response_submit(
        campaign, person=mentee, answers=required_answers(campaign, 10), edit_key=first.edit_key, actor=None
    )
    assert not edited.created and edited.response.pk == first.response.pk and edited.edit_key is None
    assert campaign.responses.count() == 1
    assert Answer.objects.get(response=first.response, question__text="Общая оценка").value == 10
    # Another addressee cannot take over the first one's response without answering themselves.
    mentor = world.person_of("mentor")
    second = actions.response_submit(
        campaign, person=mentor, answers=required_answers(campaign, 3), edit_key=first.edit_key, actor=None
    )
    assert second.created and second.response.pk != first.response.pk


def test_a_used_questionnaire_is_locked_and_a_copy_is_not(world):
    campaign = make_campaign(world.org, pairs=[world_pair(world)])
    questionnaire = campaign.questionnaire
    question = Question.objects.filter(section__questionnaire=questionnaire).first()
    question.text = "Изменённый"
    with pytest.raises(ValidationError, match="Сделайте копию"):
        actions.question_save(question, actor=None)
    with pytest.raises(ValidationError, match="Сделайте копию"):
        actions.section_delete(question.section, actor=None)
    copy = actions.questionnaire_copy(questionnaire, actor=None)
    assert not copy.is_locked
    assert Question.objects.filter(section__questionnaire=copy).count() == 5
    copied = Question.objects.filter(section__questionnaire=copy, code="overall").get()
    copied.text = "Изменённый"
    actions.question_save(copied, actor=None)
    assert Question.objects.get(pk=question.pk).text == "Общая оценка"


def test_questions_move_within_their_section(world):
    q = small_questionnaire(world.org)
    first, second = Question.objects.filter(section__questionnaire=q).order_by("position")[:2]
    actions.question_move(second, up=True, actor=None)
    ordered = list(
        Question.objects.filter(section__questionnaire=q).order_by("position").values_list("pk", flat=True)
    )
    assert ordered[:2] == [second.pk, first.pk]
    actions.question_move(second, up=True, actor=None)  # already first: nothing changes
    assert (
        list(
            Question.objects.filter(section__questionnaire=q)
            .order_by("position")
            .values_list("pk", flat=True)
        )
        == ordered
    )


def test_choice_questions_need_two_distinct_options():
    with pytest.raises(ValidationError, match="не меньше двух"):
        actions.clean_options(Question.Kind.SINGLE, "да\n\n")
    with pytest.raises(ValidationError, match="повторяются"):
        actions.clean_options(Question.Kind.MULTIPLE, "а\nб\nа")
    assert actions.clean_options(Question.Kind.SCALE10, "что угодно") == []
    assert actions.clean_options(Question.Kind.SINGLE, " да \nнет") == ["да", "нет"]


def test_terminated_pairs_are_not_asked_as_a_form(world):
    pair = make_pair(
        world.org,
        [consenting_mentor(world.org)],
        [consenting_mentee(world.org)],
        status=Pair.Status.TERMINATED,
    )
    campaign = make_campaign(
        world.org, target=Campaign.Target.FORM_MENTEES, target_form=teacher_form(), launch=False
    )
    ids = set(actions.target_people(campaign).values_list("pk", flat=True))
    assert pair.pair_mentees.get().mentee.person_id not in ids


def test_a_campaign_step_runs_in_the_history_context_of_its_actor(world):
    campaign = make_campaign(world.org, pairs=[world_pair(world)], launch=False)
    curator = world.users["curator"]
    with history_contexts(Campaign) as contexts:
        actions.campaign_launch(campaign, actor=curator)
    assert contexts == [{"user": curator.pk, "username": curator.username, "action": "campaign_launch"}]


def test_a_refused_campaign_step_changes_nothing(world):
    campaign = make_campaign(
        world.org,
        pairs=[world_pair(world)],
        launch=False,
        opens_on=timezone.localdate() - timedelta(days=20),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(ActionRefused, match="Срок анкетирования уже прошёл"):
        actions.campaign_launch(campaign, actor=world.users["curator"])
    with pytest.raises(ActionRefused, match="только идущее"):
        actions.campaign_close(campaign, actor=world.users["curator"])
    campaign.refresh_from_db()
    assert (campaign.status, campaign.launched_at, campaign.closed_at) == (Campaign.Status.DRAFT, None, None)
    assert not campaign.participations.exists()


def test_sections_and_questions_added_one_after_another_take_the_next_positions(world):
    questionnaire = actions.questionnaire_create(world.org, actor=world.users["curator"], title=" Новая ")
    assert questionnaire.title == "Новая"
    first = actions.section_save(Section(questionnaire=questionnaire, title="Первый", position=0), actor=None)
    second = actions.section_save(
        Section(questionnaire=questionnaire, title="Второй", position=0), actor=None
    )
    assert (first.position, second.position) == (1, 2)
    questions = [
        actions.question_save(Question(section=second, text=text, kind=Question.Kind.LONG), actor=None)
        for text in ("Что получилось?", "Что нет?")
    ]
    assert [q.position for q in questions] == [1, 2]
