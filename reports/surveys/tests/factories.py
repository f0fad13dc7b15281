"""Questionnaires, campaigns and answers for the survey tests.

The world's campaigns are sent to the world's pair, so the mentor and mentee users of school A are
their addressees; «named» and «anonymous» campaigns are both open today.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from pairs.models import Pair
from pairs.tests.factories import world_pair
from people.models import AcademicYear
from reports.surveys import actions as survey_actions
from reports.surveys.models import Answer, Campaign, Question, Questionnaire, Section
from reports.surveys.results import questions_of


def small_questionnaire(
    org, *, title: str = "Короткая анкета", kind: str = Questionnaire.Kind.OTHER
) -> Questionnaire:
    """One section: a 1–10 scale (code «overall»), yes/no, single, multiple, an optional long text."""
    questionnaire = Questionnaire.objects.create(organization=org, title=title, kind=kind)
    section = Section.objects.create(questionnaire=questionnaire, position=1, title="Оценка")
    specs = [
        ("Общая оценка", Question.Kind.SCALE10, [], True, "overall"),
        ("Продолжите участие?", Question.Kind.YESNO, [], True, ""),
        ("Ваша роль", Question.Kind.SINGLE, ["наставник", "наставляемый"], True, ""),
        ("Что было полезно", Question.Kind.MULTIPLE, ["встречи", "план", "уроки"], False, ""),
        ("Комментарий", Question.Kind.LONG, [], False, ""),
    ]
    for position, (text, kind_, options, required, code) in enumerate(specs, start=1):
        Question.objects.create(
            section=section,
            position=position,
            text=text,
            kind=kind_,
            options=options,
            required=required,
            code=code,
        )
    return questionnaire


def make_campaign(
    org,
    questionnaire=None,
    *,
    pairs=(),
    target: str = Campaign.Target.PAIRS,
    anonymous: bool = False,
    launch: bool = True,
    title: str = "Анкетирование",
    **fields,
) -> Campaign:
    today = timezone.localdate()
    campaign = Campaign(
        organization=org,
        questionnaire=questionnaire or small_questionnaire(org),
        title=title,
        academic_year=AcademicYear.objects.current(),
        target=target,
        opens_on=fields.pop("opens_on", today - timedelta(days=1)),
        closes_on=fields.pop("closes_on", today + timedelta(days=10)),
        anonymous=anonymous,
        **fields,
    )
    survey_actions.campaign_save(campaign, pairs=pairs, actor=None)
    if launch:
        survey_actions.campaign_launch(campaign, actor=None)
        campaign.refresh_from_db()
    return campaign


def answers(campaign: Campaign, **by_text) -> list[Answer]:
    """Unsaved answers by question text: {"Общая оценка": 7, "Ваша роль": 0, "Что было полезно": [0, 2]}."""
    questions = {q.text: q for q in questions_of(campaign.questionnaire_id)}
    result = []
    for text, value in by_text.items():
        question = questions[text]
        if question.is_text:
            result.append(Answer(question=question, text=value))
        else:
            for v in value if isinstance(value, list) else [value]:
                result.append(Answer(question=question, value=v))
    return result


def required_answers(campaign: Campaign, overall: int = 8) -> list[Answer]:
    return answers(campaign, **{"Общая оценка": overall, "Продолжите участие?": 1, "Ваша роль": 1})


def submit(campaign: Campaign, person, overall: int = 8, **extra):
    items = required_answers(campaign, overall) + answers(campaign, **extra)
    return survey_actions.response_submit(campaign, person=person, answers=items, actor=None)


def world_campaign(world, *, anonymous: bool = False) -> Campaign:
    key = "anonymous_campaign" if anonymous else "campaign"
    if key not in world.extra:
        pair = world_pair(world)
        world.extra[key] = make_campaign(
            world.org,
            pairs=[pair],
            anonymous=anonymous,
            title="Анонимное анкетирование" if anonymous else "Именное анкетирование",
        )
    return world.extra[key]


def world_draft(world) -> Campaign:
    if "draft" not in world.extra:
        world.extra["draft"] = make_campaign(
            world.org, pairs=[world_pair(world)], launch=False, title="Черновик"
        )
    return world.extra["draft"]


def world_response(world):
    """The world's mentee has answered the named campaign."""
    if "response" not in world.extra:
        campaign = world_campaign(world)
        world.extra["response"] = submit(campaign, world.person_of("mentee")).response
    return world.extra["response"]


def world_question(world) -> Question:
    return (
        Question.objects.filter(section__questionnaire=world_draft(world).questionnaire)
        .order_by("id")
        .first()
    )


def pair_of(world) -> Pair:
    return world_pair(world)


def world_link_token(world) -> str:
    """A personal one-time link of the world's named campaign (the mentor's participation)."""
    if "link_token" not in world.extra:
        from reports.surveys.models import Participation, hash_edit_key

        participation = Participation.objects.get(
            campaign=world_campaign(world), person=world.person_of("mentor")
        )
        participation.link_digest = hash_edit_key("matrix-link")
        participation.save(update_fields=["link_digest"])
        world.extra["link_token"] = "matrix-link"
    return world.extra["link_token"]


def world_proposal(world):
    """A pending proposal of the world's staff person for the mentor bank."""
    if "proposal" not in world.extra:
        from reports.surveys.models import BankProposal

        world.extra["proposal"] = BankProposal.objects.create(
            organization=world.org,
            campaign=world_campaign(world),
            person=world.staff,
            kind=BankProposal.Kind.MENTOR_CANDIDATE,
            competencies=[],
        )
    return world.extra["proposal"]


def world_public_token(world) -> str:
    """The public link with a code of the world's anonymous campaign, switched on."""
    if "public_token" not in world.extra:
        campaign = world_campaign(world, anonymous=True)
        survey_actions.campaign_codes_issue(campaign, actor=None, site_url="http://testserver/")
        campaign.refresh_from_db()
        world.extra["public_token"] = campaign.public_token
    return world.extra["public_token"]


def world_schedule(world):
    """The world's named campaign repeated each quarter."""
    if "schedule" not in world.extra:
        world.extra["schedule"] = survey_actions.schedule_create(
            world_campaign(world), actor=None, frequency="quarterly", days_open=14
        )
    return world.extra["schedule"]
