"""Demo surveys: a finished campaign with answers for every shipped template, and one running
campaign waiting for the demo mentor and mentee. Also the benchmark's large campaigns.

Finished campaigns lie in the past, so they are written directly (the actions refuse to launch a
campaign whose period is over); the roster is the same `target_people` the launch uses.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from pairs.models import Pair
from people.models import AcademicYear, Organization, Person, User
from reports.surveys import actions as survey_actions
from reports.surveys.models import (
    Answer,
    Campaign,
    Participation,
    Question,
    Questionnaire,
    Section,
    SurveyResponse,
    hash_edit_key,
)
from reports.surveys.results import questions_of

# Free-text answers by the question they answer (the shipped templates' text questions): a demo
# answer always answers the question asked. A text question not listed here stays unanswered.
TEXT_ANSWERS: dict[str, list[str]] = {
    "Предметы (направления), которые вы ведёте": [
        "математика",
        "русский язык и литература",
        "история и обществознание",
        "физика",
        "начальные классы",
    ],
    "Когда вам удобно встречаться?": [
        "по понедельникам после уроков",
        "в среду, 15:00",
        "во вторник и четверг после 14:00",
        "в методический день",
    ],
    "Что вас мотивирует стать наставником?": [
        "Хочу помочь молодым коллегам быстрее освоиться в школе.",
        "Мне самой когда-то очень помог наставник, хочу передать опыт дальше.",
        "Наставничество помогает и мне самому посмотреть на свои уроки со стороны.",
        "Хочу делиться наработками по подготовке к ОГЭ.",
    ],
    "Опишите свой запрос своими словами": [
        "Трудно удерживать дисциплину в 7-х классах, хочу научиться приёмам.",
        "Нужна помощь в составлении рабочей программы и КТП.",
        "Хочу научиться готовить учеников к ОГЭ по своему предмету.",
        "Не хватает опыта в общении с родителями, особенно в конфликтных ситуациях.",
    ],
    "Что мешает вам в работе больше всего?": [
        "Много бумажной работы, не хватает времени на подготовку к урокам.",
        "Сложно работать с трудным классом.",
        "Не уверен в оценивании: боюсь быть слишком строгим или мягким.",
        "Трудно планировать урок так, чтобы всё успеть.",
    ],
    "Чего вы ждёте от работы в паре (группе)?": [
        "Жду практических советов по ведению уроков.",
        "Хочу посещать уроки наставника и разбирать их вместе.",
        "Надеюсь разобраться с документацией и отчётностью.",
        "Жду поддержки в первый год работы.",
    ],
    "Что было самым полезным?": [
        "Посещение уроков друг друга и их разбор.",
        "Наставник всегда находил время, объяснял спокойно и понятно.",
        "Совместная подготовка открытого урока.",
        "Получил уверенность в работе с трудным классом.",
    ],
    "Что стоит изменить в программе?": [
        "Нужно меньше бумажной работы и больше живого общения.",
        "Предусмотреть время для встреч в расписании.",
        "Проводить общие встречи всех пар раз в четверть.",
        "Начинать программу раньше, в сентябре.",
    ],
    "Комментарий": [
        "Встречи проходят регулярно, план программы выполняется.",
        "Не хватает времени на встречи из-за нагрузки.",
        "Хотелось бы больше практики: разбирать реальные уроки.",
    ],
    "Лучшие практики наставничества этого года": [
        "Взаимопосещение уроков в парах «учитель – учитель» с последующим разбором.",
        "Клуб старшеклассников-наставников для учеников 5-х классов.",
        "Методический день наставников с открытыми уроками.",
    ],
    "Предложения по развитию программы": [
        "Привлечь к наставничеству выпускников школы — студентов педвуза.",
        "Выделить наставникам время в расписании для встреч с наставляемыми.",
        "Провести обучение наставников работе с обучающимися с ОВЗ.",
    ],
}

# (template, campaign title, target, anonymous, opens: days ago, closes: days ago, scale bias)
FINISHED = [
    (
        "mentor_candidate",
        "Анкетирование потенциальных наставников",
        Campaign.Target.MENTORS,
        False,
        80,
        66,
        1,
    ),
    (
        "mentee_requests",
        "Выявление профессиональных запросов наставляемых",
        Campaign.Target.MENTEES,
        False,
        78,
        64,
        0,
    ),
    ("diagnostic", "Входная диагностика наставляемых", Campaign.Target.MENTEES, True, 75, 62, -1),
    ("satisfaction_start", "Удовлетворённость: начало программы", Campaign.Target.PAIRS, False, 70, 58, -1),
    ("curator", "Анкета куратора: условия реализации", Campaign.Target.CURATORS, False, 30, 16, 1),
    ("quality", "Мониторинг качества реализации программ", Campaign.Target.PAIRS, True, 24, 12, 1),
    ("satisfaction_end", "Удовлетворённость: завершение программы", Campaign.Target.PAIRS, False, 20, 8, 2),
]


def _value(question: Question, rng: random.Random, bias: int) -> list[int]:
    if question.is_scale:
        top = question.scale_max
        low = max(1, round(top * 0.5) + bias)
        return [min(top, rng.randint(low, top))]
    if question.kind == Question.Kind.YESNO:
        return [1 if rng.random() < 0.75 else 0]
    if question.kind == Question.Kind.SINGLE:
        return [rng.randrange(len(question.options))]
    return sorted(rng.sample(range(len(question.options)), rng.randint(1, min(3, len(question.options)))))


def random_answers(questions: list[Question], rng: random.Random, bias: int = 0) -> list[Answer]:
    """Answers that fit their questions: a scale's value within the scale, a choice among the
    options, a text that answers the question asked; every required question, two optional
    ones in three."""
    answers = []
    for question in questions:
        if not question.required and rng.random() < 0.35:
            continue
        if question.is_text:
            pool = TEXT_ANSWERS.get(question.text)
            if pool:
                answers.append(Answer(question=question, text=rng.choice(pool)))
        else:
            answers.extend(Answer(question=question, value=v) for v in _value(question, rng, bias))
    return answers


def _questionnaire(org: Organization, key: str, actor) -> Questionnaire:
    existing = Questionnaire.objects.filter(organization=org, template_key=key).order_by("id").first()
    return existing or survey_actions.questionnaire_from_template(org, key, actor=actor)


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 19), rng.randint(0, 59))))


def fill_campaign(
    campaign: Campaign, rng: random.Random, *, share: float, bias: int, limit: int | None = None
) -> int:
    """Fix the roster and let `share` of it answer; returns the number of responses."""
    people = list(
        survey_actions.target_people(campaign).values_list("id", flat=True).distinct().order_by("id")
    )
    Participation.objects.bulk_create(Participation(campaign=campaign, person_id=pk) for pk in people)
    respondents = [pk for pk in people if rng.random() < share][:limit]
    questions = questions_of(campaign.questionnaire_id)
    responses, answers = [], []
    for person_id in respondents:
        if campaign.anonymous:
            response = SurveyResponse(
                campaign=campaign, edit_key_hash=hash_edit_key(secrets.token_urlsafe(12))
            )
        else:
            day = campaign.opens_on + timedelta(
                days=rng.randint(0, (campaign.closes_on - campaign.opens_on).days)
            )
            response = SurveyResponse(campaign=campaign, person_id=person_id, submitted_at=_moment(day, rng))
        responses.append(response)
        answers.append(random_answers(questions, rng, bias))
    SurveyResponse.objects.bulk_create(responses)
    for response, items in zip(responses, answers, strict=True):
        for answer in items:
            answer.response = response
    Answer.objects.bulk_create([a for items in answers for a in items], batch_size=5000)
    Participation.objects.filter(campaign=campaign, person_id__in=respondents).update(answered=True)
    return len(respondents)


def seed_demo(org: Organization, rng: random.Random) -> None:
    """Idempotent: a campaign is added only when the demo school has none with its title."""
    today = timezone.localdate()
    curator = User.objects.filter(username="curator").first()
    titles = set(Campaign.objects.filter(organization=org).values_list("title", flat=True))
    pairs = list(
        Pair.objects.filter(
            organization=org, status__in=[Pair.Status.ACTIVE, Pair.Status.COMPLETED]
        ).order_by("id")
    )
    baseline = Campaign.objects.filter(organization=org, title=FINISHED[3][1]).first()
    for key, title, target, anonymous, opens, closes, bias in FINISHED:
        if title in titles:
            continue
        opens_on, closes_on = today - timedelta(days=opens), today - timedelta(days=closes)
        campaign = Campaign.objects.create(
            organization=org,
            questionnaire=_questionnaire(org, key, curator),
            title=title,
            academic_year=AcademicYear.objects.for_date(opens_on),
            target=target,
            opens_on=opens_on,
            closes_on=closes_on,
            anonymous=anonymous,
            baseline=baseline if key == "satisfaction_end" else None,
            status=Campaign.Status.CLOSED,
            launched_at=_moment(opens_on, rng),
            closed_at=_moment(closes_on, rng),
            created_by=curator,
        )
        if target == Campaign.Target.PAIRS:
            campaign.target_pairs.set(pairs)
        fill_campaign(campaign, rng, share=1.0 if target == Campaign.Target.PAIRS else 0.85, bias=bias)
        if key == "satisfaction_start":
            baseline = campaign
    _running(org, curator, today, titles)
    _for_parents(org, curator, today, titles)
    _quarterly_diagnostics(org, curator, today)


def _quarterly_diagnostics(org: Organization, curator, today: date) -> None:
    """The entrance diagnostics repeated each quarter (the «Расписание» tab), once per school."""
    from reports.surveys.models import CampaignSchedule

    source = Campaign.objects.filter(organization=org, title=FINISHED[2][1]).first()
    if source is None or CampaignSchedule.objects.filter(organization=org).exists():
        return
    survey_actions.schedule_create(source, actor=curator, frequency="quarterly", days_open=14, today=today)


RUNNING = "Удовлетворённость участников: промежуточный срез"
FOR_PARENTS = "Мнение родителей о программе наставничества"
# A questionnaire written for parents (the shipped templates are for teachers or for the pairs).
PARENTS_QUESTIONNAIRE = (
    "Анкета для родителей (законных представителей) обучающихся-наставляемых",
    [
        ("Насколько вашему ребёнку интересны занятия с наставником?", Question.Kind.SCALE10, []),
        ("Замечаете ли вы положительные изменения в учёбе или настроении ребёнка?", Question.Kind.YESNO, []),
        (
            "Как часто ребёнок рассказывает о встречах с наставником?",
            Question.Kind.SINGLE,
            ["часто", "иногда", "редко", "не рассказывает"],
        ),
    ],
)


def _for_parents(org: Organization, curator, today: date, titles: set[str]) -> None:
    """A running campaign for the parents of all student mentees: the demo «parent» finds it in
    «Мои анкеты» next to the surveys they answer for their young child."""
    if FOR_PARENTS in titles:
        return
    title, questions = PARENTS_QUESTIONNAIRE
    questionnaire = Questionnaire.objects.create(
        organization=org,
        title=title,
        description="Ваше мнение поможет школе улучшить программу наставничества.",
        created_by=curator,
    )
    section = Section.objects.create(questionnaire=questionnaire, position=1, title="О занятиях ребёнка")
    Question.objects.bulk_create(
        Question(section=section, position=n, text=text, kind=kind, options=options)
        for n, (text, kind, options) in enumerate(questions, start=1)
    )
    campaign = Campaign(
        organization=org,
        questionnaire=questionnaire,
        title=FOR_PARENTS,
        academic_year=AcademicYear.objects.for_date(today),
        target=Campaign.Target.PARENTS_ALL,
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=11),
        anonymous=True,
    )
    survey_actions.campaign_save(campaign, actor=curator)
    survey_actions.campaign_launch(campaign, actor=curator, today=today)


def _running(org: Organization, curator, today: date, titles: set[str]) -> None:
    """A running anonymous campaign for the demo mentor's and mentee's pair: it waits on their dashboards."""
    if RUNNING in titles:
        return
    # The two demo people first: one filter joining both through users lets the planner choose a
    # nested loop over every pair when the statistics of freshly seeded tables are missing.
    people = dict(
        Person.objects.filter(organization=org, user__username__in=["mentor", "mentee"]).values_list(
            "user__username", "pk"
        )
    )
    if len(people) < 2:
        return
    pair = (
        Pair.objects.filter(
            organization=org,
            status=Pair.Status.ACTIVE,
            pair_mentors__mentor__person_id=people["mentor"],
            pair_mentees__mentee__person_id=people["mentee"],
        )
        .order_by("pk")
        .first()
    )
    if pair is None:
        return
    campaign = Campaign.objects.create(
        organization=org,
        questionnaire=_questionnaire(org, "satisfaction_start", curator),
        title=RUNNING,
        academic_year=AcademicYear.objects.for_date(today),
        target=Campaign.Target.PAIRS,
        opens_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=14),
        anonymous=True,
        created_by=curator,
    )
    campaign.target_pairs.set([pair])
    survey_actions.campaign_launch(campaign, actor=curator, today=today)


BENCH_TEMPLATES = ["satisfaction_start", "satisfaction_end", "quality", "diagnostic", "mentee_requests"]


def seed_bench(org: Organization, *, campaigns: int, responses: int, seed: int = 7) -> None:
    """Large finished anonymous campaigns for the benchmark: `responses` answers each, addressed to
    the organization's mentees (the roster is smaller than the answers: a benchmark, not a school)."""
    rng = random.Random(seed)
    today = timezone.localdate()
    for n in range(campaigns):
        key = BENCH_TEMPLATES[n % len(BENCH_TEMPLATES)]
        opens_on = today - timedelta(days=40 + n)
        campaign = Campaign.objects.create(
            organization=org,
            questionnaire=_questionnaire(org, key, None),
            title=f"Замер: анкетирование {n + 1}",
            academic_year=AcademicYear.objects.for_date(opens_on),
            target=Campaign.Target.MENTEES,
            opens_on=opens_on,
            closes_on=today - timedelta(days=10),
            anonymous=True,
            status=Campaign.Status.CLOSED,
            launched_at=_moment(opens_on, rng),
            closed_at=timezone.now(),
        )
        fill_campaign(campaign, rng, share=1.0, bias=0, limit=responses)
        questions = questions_of(campaign.questionnaire_id)
        extra = responses - campaign.responses.count()
        rows = [
            SurveyResponse(campaign=campaign, edit_key_hash=hash_edit_key(secrets.token_urlsafe(12)))
            for _ in range(max(0, extra))
        ]
        SurveyResponse.objects.bulk_create(rows, batch_size=2000)
        answers = []
        for response in rows:
            for answer in random_answers(questions, rng):
                answer.response = response
                answers.append(answer)
        Answer.objects.bulk_create(answers, batch_size=10000)
