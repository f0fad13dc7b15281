"""Workflows of questionnaires and campaigns: build, launch, answer, close."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.actions import CODE_LENGTH, format_code, new_code
from mentoring.lib.actions import ActionRefused, action
from notifications import notify
from notifications.models import Kind
from pairs.models import Pair, PairMentee
from people.models import AcademicYear, LegalRepresentative, Membership, Mentee, Mentor, Organization, Person
from reports.surveys.models import (
    Answer,
    Campaign,
    CampaignSchedule,
    Participation,
    Question,
    Questionnaire,
    Section,
    SurveyCode,
    SurveyResponse,
    hash_edit_key,
)
from reports.surveys.signals import campaign_closed
from reports.surveys.standard import TEMPLATES

LOCKED = (
    "Анкета уже использовалась в анкетировании: ответы ссылаются на её вопросы, поэтому менять их нельзя. "
    "Сделайте копию анкеты и измените копию."
)


def require_editable(questionnaire: Questionnaire) -> None:
    if questionnaire.is_locked:
        raise ActionRefused(LOCKED)


# ---------------------------------------------------------------- questionnaires


@action
def questionnaire_create(organization: Organization, *, actor, title: str) -> Questionnaire:
    """An empty questionnaire to build section by section."""
    return Questionnaire.objects.create(organization=organization, title=title.strip(), created_by=actor)


@action
def questionnaire_update(questionnaire: Questionnaire, *, actor) -> Questionnaire:
    """Save the title, purpose and address to respondents (allowed after use: answers do not refer to them)."""
    questionnaire.save()
    return questionnaire


@action
def questionnaire_from_template(organization: Organization, key: str, *, actor) -> Questionnaire:
    """A copy of a shipped template that belongs to the organization and may be edited."""
    if key not in TEMPLATES:
        raise ActionRefused("Такого шаблона анкеты нет.")
    template = TEMPLATES[key]
    questionnaire = Questionnaire.objects.create(
        organization=organization,
        title=template.title,
        kind=template.kind,
        description=template.description,
        template_key=key,
        created_by=actor,
    )
    for s_pos, s in enumerate(template.sections, start=1):
        section = Section.objects.create(
            questionnaire=questionnaire, position=s_pos, title=s.title, description=s.description
        )
        Question.objects.bulk_create(
            Question(
                section=section,
                position=q_pos,
                text=q.text,
                kind=q.kind,
                options=list(q.options),
                required=q.required,
                code=q.code,
                help_text=q.help_text,
            )
            for q_pos, q in enumerate(s.questions, start=1)
        )
    return questionnaire


@action
def questionnaire_copy(original: Questionnaire, *, actor) -> Questionnaire:
    copy = Questionnaire.objects.create(
        organization=original.organization,
        title=f"{original.title} (копия)"[:300],
        kind=original.kind,
        description=original.description,
        template_key=original.template_key,
        created_by=actor,
    )
    for section in original.sections.prefetch_related("questions"):
        questions = list(section.questions.all())
        section.pk, section.questionnaire = None, copy
        section.save()
        for question in questions:
            question.pk, question.section = None, section
        Question.objects.bulk_create(questions)
    return copy


@action
def section_save(section: Section, *, actor) -> Section:
    # The questionnaire's row is locked: two sections added at once get different positions.
    questionnaire = Questionnaire.objects.select_for_update().get(pk=section.questionnaire_id)
    require_editable(questionnaire)
    if section.pk is None and not section.position:
        last = questionnaire.sections.aggregate(n=Max("position"))["n"] or 0
        section.position = last + 1
    section.save()
    return section


@action
def section_delete(section: Section, *, actor) -> None:
    require_editable(section.questionnaire)
    section.delete()


def clean_options(kind: str, raw: str) -> list[str]:
    """Options of a choice question, one a line; other kinds have none."""
    if kind not in Question.CHOICE_KINDS:
        return []
    options = [line.strip() for line in raw.splitlines() if line.strip()]
    if len(options) < 2:
        raise ValidationError(
            "Для вопроса с выбором укажите не меньше двух вариантов ответа, по одному в строке."
        )
    if len(set(options)) != len(options):
        raise ValidationError("Варианты ответа повторяются.")
    return options


@action
def question_save(question: Question, *, actor) -> Question:
    # The section's row is locked: two questions added at once get different positions.
    Section.objects.select_for_update().get(pk=question.section_id)
    require_editable(question.section.questionnaire)
    if question.kind in Question.CHOICE_KINDS and len(question.options) < 2:
        raise ActionRefused("Для вопроса с выбором укажите не меньше двух вариантов ответа.")
    if question.pk is None:
        last = question.section.questions.aggregate(n=Max("position"))["n"] or 0
        question.position = last + 1
    question.save()
    return question


@action
def question_delete(question: Question, *, actor) -> None:
    require_editable(question.section.questionnaire)
    question.delete()


@action
def question_move(question: Question, *, up: bool, actor) -> None:
    """Swap the question with its neighbour in the section (positions are renumbered 1..n)."""
    require_editable(question.section.questionnaire)
    siblings = list(question.section.questions.select_for_update().order_by("position", "id"))
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, q in enumerate(siblings, start=1):
        q.position = position
    Question.objects.bulk_update(siblings, ["position"])


# ---------------------------------------------------------------- campaigns


def _check_campaign(campaign: Campaign) -> None:
    if campaign.closes_on < campaign.opens_on:
        raise ActionRefused("Окончание анкетирования раньше начала.")
    if campaign.questionnaire.organization_id != campaign.organization_id:
        raise ActionRefused("Анкета принадлежит другой организации.")
    if campaign.target == Campaign.Target.FORM_MENTEES and not campaign.target_form_id:
        raise ActionRefused("Выберите форму наставничества, наставляемых которой опрашиваем.")
    students_or_parents = campaign.is_for_parents or campaign.target == Campaign.Target.SCHOOL_CLASS
    if students_or_parents and campaign.questionnaire.is_for_staff:
        raise ActionRefused(
            f"Анкета «{campaign.questionnaire.title}» составлена для педагогов: обучающимся и их "
            "законным представителям её не отправляют. Выберите другую группу или другую анкету."
        )
    if campaign.target in (Campaign.Target.SCHOOL_CLASS, Campaign.Target.PARENTS_CLASS) and (
        not campaign.target_class.strip()
    ):
        raise ActionRefused("Укажите класс, например «7Б».")
    baseline = campaign.baseline
    if baseline is not None and (
        baseline.organization_id != campaign.organization_id or baseline.pk == campaign.pk
    ):
        raise ActionRefused("Для сравнения выберите другое анкетирование этой организации.")


@action
def campaign_save(campaign: Campaign, *, pairs: Iterable[Pair] = (), actor) -> Campaign:
    """Create or change a draft campaign (after launch only the period may be extended: see campaign_extend)."""
    if campaign.pk and Campaign.objects.filter(pk=campaign.pk).exclude(status=Campaign.Status.DRAFT).exists():
        raise ActionRefused("Анкетирование уже запущено: изменить его условия нельзя.")
    _check_campaign(campaign)
    pairs = list(pairs)
    if any(p.organization_id != campaign.organization_id for p in pairs):
        raise ActionRefused("Пары должны быть из этой организации.")
    with_pairs = campaign.target in (Campaign.Target.PAIRS, Campaign.Target.PARENTS_PAIRS)
    if with_pairs and not pairs:
        raise ActionRefused("Выберите хотя бы одну пару или группу.")
    if campaign.pk is None:
        campaign.created_by = actor
    campaign.save()
    campaign.target_pairs.set(pairs if with_pairs else [])
    return campaign


def _year_pairs(campaign: Campaign) -> QuerySet:
    year = campaign.academic_year
    return Pair.objects.filter(
        organization_id=campaign.organization_id, planned_start__lte=year.ends_on
    ).filter(Q(ended_on__gte=year.starts_on) | Q(ended_on__isnull=True, planned_end__gte=year.starts_on))


def target_representatives(campaign: Campaign) -> QuerySet:
    """The parents a campaign for parents is sent to: the representatives of the students of a
    class, of the mentees of chosen pairs, or of all student mentees (issue 19)."""
    T = Campaign.Target
    students = Person.objects.not_anonymized().filter(
        organization_id=campaign.organization_id, kind=Person.Kind.STUDENT
    )
    if campaign.target == T.PARENTS_CLASS:
        students = students.filter(school_class__iexact=campaign.target_class.strip())
    elif campaign.target == T.PARENTS_PAIRS:
        students = students.filter(mentee__pair_links__pair__in=campaign.target_pairs.values("id"))
    else:
        students = students.filter(mentee__isnull=False).exclude(mentee__status=Mentee.Status.REMOVED)
    return LegalRepresentative.objects.filter(student__in=students.values("id"))


def target_people(campaign: Campaign) -> QuerySet:
    """The people of the target group (the roster is frozen from this at launch); for a campaign
    for parents, the children whose representatives are asked. A questionnaire written for
    teachers reaches the staff of the group only, never a student (nor, for them, a parent)."""
    people = _target_group(campaign)
    if campaign.questionnaire.is_for_staff:
        people = people.filter(kind=Person.Kind.STAFF)
    return people


def _target_group(campaign: Campaign) -> QuerySet:
    org_id = campaign.organization_id
    T = Campaign.Target
    if campaign.is_for_parents:
        return Person.objects.filter(id__in=target_representatives(campaign).values("student_id"))
    if campaign.target == T.STAFF_ALL:
        return Person.objects.not_anonymized().filter(organization_id=org_id, kind=Person.Kind.STAFF)
    if campaign.target == T.MENTORS:
        ids = (
            Mentor.objects.filter(organization_id=org_id)
            .exclude(status=Mentor.Status.INACTIVE)
            .values("person_id")
        )
    elif campaign.target == T.MENTEES:
        ids = (
            Mentee.objects.filter(organization_id=org_id)
            .exclude(status=Mentee.Status.REMOVED)
            .values("person_id")
        )
    elif campaign.target == T.FORM_MENTEES:
        pairs = (
            _year_pairs(campaign)
            .filter(form_id=campaign.target_form_id)
            .exclude(status=Pair.Status.TERMINATED)
        )
        ids = PairMentee.objects.filter(pair__in=pairs).values("mentee__person_id")
    elif campaign.target == T.PAIRS:
        pairs = campaign.target_pairs.values("id")
        in_pairs = Q(mentor__pair_links__pair__in=pairs) | Q(mentee__pair_links__pair__in=pairs)
        return Person.objects.not_anonymized().filter(in_pairs, organization_id=org_id).distinct()
    elif campaign.target == T.SCHOOL_CLASS:
        return Person.objects.not_anonymized().filter(
            organization_id=org_id,
            kind=Person.Kind.STUDENT,
            school_class__iexact=campaign.target_class.strip(),
        )
    else:
        users = Membership.objects.filter(organization_id=org_id, role=Membership.Role.CURATOR).values(
            "user_id"
        )
        return Person.objects.not_anonymized().filter(organization_id=org_id, user__in=users)
    return Person.objects.not_anonymized().filter(organization_id=org_id, id__in=ids)


@action
def campaign_launch(campaign: Campaign, *, actor, today: date | None = None) -> int:
    """черновик → идёт: the roster of the target group is fixed. Returns the number of addressees."""
    campaign = Campaign.objects.select_for_update().select_related("questionnaire").get(pk=campaign.pk)
    if campaign.status != Campaign.Status.DRAFT:
        raise ActionRefused("Анкетирование уже запущено.")
    today = today or timezone.localdate()
    if campaign.closes_on < today:
        raise ActionRefused("Срок анкетирования уже прошёл: измените даты.")
    if not Question.objects.filter(section__questionnaire=campaign.questionnaire).exists():
        raise ActionRefused("В анкете нет ни одного вопроса.")
    if campaign.is_for_parents:
        pairs = list(target_representatives(campaign).values_list("student_id", "id").distinct())
        users = LegalRepresentative.objects.filter(pk__in=[r for _, r in pairs], user__isnull=False)
    else:
        pairs = [(pk, None) for pk in target_people(campaign).values_list("id", flat=True).distinct()]
        users = Person.objects.filter(pk__in=[p for p, _ in pairs], user__isnull=False)
    if not pairs:
        raise ActionRefused("В выбранной группе нет ни одного участника: опрашивать некого.")
    Participation.objects.bulk_create(
        Participation(campaign=campaign, person_id=pk, representative_id=rep) for pk, rep in pairs
    )
    campaign.status = Campaign.Status.OPEN
    campaign.launched_at = timezone.now()
    campaign.save(update_fields=["status", "launched_at"])
    notify(
        users.values_list("user_id", flat=True),
        kind=Kind.SURVEY_LAUNCHED,
        key=f"survey-launched:{campaign.uuid}",
        title=f"Новое анкетирование: {campaign.title}",
        text=f"Ответьте, пожалуйста, до {campaign.closes_on:%d.%m.%Y}.",
        link=reverse("surveys:campaign_answer", args=[campaign.uuid]),
    )
    return len(pairs)


@action
def campaign_close(campaign: Campaign, *, actor) -> Campaign:
    """идёт → завершено: answers can no longer be given or changed."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != Campaign.Status.OPEN:
        raise ActionRefused("Завершить можно только идущее анкетирование.")
    campaign.status = Campaign.Status.CLOSED
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["status", "closed_at"])
    # The codes of the public link not used by now will never be: they stop existing.
    campaign.codes.filter(used=False).delete()
    campaign_closed.send(sender=Campaign, campaign=campaign, actor=actor)
    return campaign


@action
def campaign_delete(campaign: Campaign, *, actor) -> None:
    if campaign.status != Campaign.Status.DRAFT:
        raise ActionRefused(
            "Удалить можно только черновик: у запущенного анкетирования есть адресаты и ответы."
        )
    if campaign.schedules.exists():
        raise ActionRefused(
            "По этому анкетированию составлено расписание: оно служит образцом, удалить его нельзя."
        )
    campaign.delete()


# ---------------------------------------------------------------- schedules


@action
def schedule_create(
    source: Campaign, *, actor, frequency: str, days_open: int, today: date | None = None
) -> CampaignSchedule:
    """Repeat `source` (its questionnaire and audience) each quarter or month, from the next period."""
    from reports.surveys import schedules

    if frequency not in CampaignSchedule.Frequency.values:
        raise ActionRefused("Выберите, как часто повторять: каждую четверть или каждый месяц.")
    if not days_open or not 1 <= days_open <= 92:
        raise ActionRefused("Дней на ответы — от 1 до 92.")
    if frequency == CampaignSchedule.Frequency.MONTHLY and days_open > 28:
        raise ActionRefused("При ежемесячном повторении на ответы не больше 28 дней.")
    if CampaignSchedule.objects.filter(source=source, frequency=frequency, active=True).exists():
        raise ActionRefused("Такое расписание для этого анкетирования уже действует.")
    today = today or timezone.localdate()
    return CampaignSchedule.objects.create(
        organization_id=source.organization_id,
        source=source,
        frequency=frequency,
        days_open=days_open,
        starts_on=schedules.first_period_from(frequency, today).start,
        created_by=actor,
    )


@action
def schedule_stop(schedule: CampaignSchedule, *, actor) -> CampaignSchedule:
    """No more campaigns are opened; those already opened run to their end."""
    schedule = CampaignSchedule.objects.select_for_update().get(pk=schedule.pk)
    if not schedule.active:
        raise ActionRefused("Расписание уже остановлено.")
    schedule.active = False
    schedule.save(update_fields=["active"])
    return schedule


@action
def schedule_resume(schedule: CampaignSchedule, *, actor, today: date | None = None) -> CampaignSchedule:
    """Start again from the next period: the periods missed while stopped are not caught up."""
    from reports.surveys import schedules

    schedule = CampaignSchedule.objects.select_for_update().get(pk=schedule.pk)
    if schedule.active:
        raise ActionRefused("Расписание и так действует.")
    today = today or timezone.localdate()
    schedule.active = True
    schedule.starts_on = schedules.first_period_from(schedule.frequency, today).start
    schedule.last_error = ""
    schedule.save(update_fields=["active", "starts_on", "last_error"])
    return schedule


@action
def schedule_open_period(schedule: CampaignSchedule, period, *, actor, today: date) -> Campaign | None:
    """Open and launch the campaign of `period` (a `schedules.Period`) as a copy of the pattern;
    None if it is already open (the schedule's row is locked, so two runs open it once)."""
    from reports.surveys import schedules

    schedule = CampaignSchedule.objects.select_for_update().select_related("source").get(pk=schedule.pk)
    if Campaign.objects.filter(schedule=schedule, period_start=period.start).exists():
        return None
    source = schedule.source
    campaign = Campaign(
        organization_id=schedule.organization_id,
        questionnaire_id=source.questionnaire_id,
        title=f"{source.title[:250]} — {period.label}",
        academic_year=AcademicYear.objects.for_date(period.start),
        target=source.target,
        target_form_id=source.target_form_id,
        target_class=source.target_class,
        anonymous=source.anonymous,
        opens_on=period.start,
        closes_on=schedules.closes_on(schedule, period),
        schedule=schedule,
        period_start=period.start,
    )
    campaign_save(campaign, pairs=source.target_pairs.all(), actor=actor)
    campaign_launch(campaign, actor=actor, today=today)
    if schedule.last_error:
        schedule.last_error = ""
        schedule.save(update_fields=["last_error"])
    return campaign


# ---------------------------------------------------------------- answering


def answers_for(questions: Iterable[Question], cleaned: dict) -> list[Answer]:
    """Unsaved answers from the answer form's cleaned data (field `q<id>` per question)."""
    result = []
    for question in questions:
        value = cleaned.get(f"q{question.pk}")
        if value in (None, "", []):
            continue
        if question.is_text:
            result.append(Answer(question=question, text=value.strip()))
        elif question.kind == Question.Kind.MULTIPLE:
            result.extend(Answer(question=question, value=int(v)) for v in sorted(set(value), key=int))
        else:
            result.append(Answer(question=question, value=int(value)))
    return [a for a in result if a.value is not None or a.text]


@dataclass
class Submitted:
    response: SurveyResponse
    edit_key: str | None  # a new anonymous response's key, to hand to the respondent once
    created: bool


def _participation(
    campaign: Campaign, person: Person, representative: LegalRepresentative | None = None
) -> Participation:
    participation = (
        Participation.objects.select_for_update()
        .filter(campaign=campaign, person=person, representative=representative)
        .first()
    )
    if participation is None:
        raise ActionRefused("Это анкетирование адресовано не вам.")
    return participation


ANSWER_BY_CODE = (
    "Это анкетирование проходит по публичной ссылке с кодом: откройте адрес, напечатанный на листке, "
    "полученном от куратора, и введите код с листка."
)
ALREADY_ANSWERED_BY_LINK = (
    "По этой ссылке уже ответили: каждый адресат отвечает на анкету один раз. "
    "Если нужно изменить ответы, обратитесь к куратору наставничества."
)


@action
def response_submit(
    campaign: Campaign,
    *,
    person: Person,
    answers: list[Answer],
    edit_key: str | None = None,
    representative: LegalRepresentative | None = None,
    by_link: bool = False,
    actor,
) -> Submitted:
    """Answer once; change the answers while the campaign accepts them.

    Named: the response is found by the addressee. Anonymous: a first answer creates a response
    with a fresh key and marks the participation answered; a change needs the key of that response.
    Through a personal one-time link (`by_link`, no account) the answer is given once and the link
    is then spent: a second answer is refused.
    """
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.is_accepting():
        raise ActionRefused("Анкетирование не принимает ответы: оно ещё не началось или уже завершено.")
    participation = _participation(campaign, person, representative)
    if by_link and participation.answered:
        raise ActionRefused(ALREADY_ANSWERED_BY_LINK)
    if campaign.by_code and not participation.answered:
        raise ActionRefused(ANSWER_BY_CODE)
    new_key = None
    if not campaign.anonymous:
        response = SurveyResponse.objects.filter(
            campaign=campaign, person=person, representative=representative
        ).first()
        created = response is None
        now = timezone.now()
        if created:
            response = SurveyResponse.objects.create(
                campaign=campaign, person=person, representative=representative, submitted_at=now
            )
        else:
            response.updated_at = now
            response.save(update_fields=["updated_at"])
    elif not participation.answered:
        new_key = secrets.token_urlsafe(12)
        response = SurveyResponse.objects.create(campaign=campaign, edit_key_hash=hash_edit_key(new_key))
        created = True
    else:
        response = find_anonymous(campaign, edit_key)
        if response is None:
            raise ActionRefused(
                "Вы уже ответили на эту анкету. Чтобы изменить ответы, введите код, полученный после отправки."
            )
        created = False
    response.answers.all().delete()
    for answer in answers:
        answer.response = response
    Answer.objects.bulk_create(answers)
    if not participation.answered:
        participation.answered = True
        participation.save(update_fields=["answered"])
    if not campaign.anonymous and representative is None:
        from reports.surveys.proposals import propose_from_response

        propose_from_response(campaign, response, answers)
    return Submitted(response, new_key, created)


def find_anonymous(campaign: Campaign, edit_key: str | None) -> SurveyResponse | None:
    if not edit_key:
        return None
    return SurveyResponse.objects.filter(
        campaign=campaign, person__isnull=True, edit_key_hash=hash_edit_key(edit_key.strip())
    ).first()


# ---------------------------------------------------------------- personal one-time links (issue 19)


@dataclass
class LinkSlip:
    """A printed slip with a personal survey link: the token exists in clear only here."""

    addressee: Person | LegalRepresentative
    note: str
    link: str
    code: str = ""  # the same link as a short code to type at /s/, for those who cannot scan


@dataclass
class LinksIssued:
    emailed: int = 0
    slips: list[LinkSlip] = field(default_factory=list)


def survey_link(site_url: str, token: str) -> str:
    return site_url.rstrip("/") + reverse("surveys:answer_link", args=[token])


def read_code(text: str) -> str:
    """A code as typed: any case, spaces and dashes, Cyrillic letters that look like Latin ones."""
    text = text.upper().translate(CYRILLIC_LOOKALIKES)
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


CYRILLIC_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХ", "ABEKMHOPCTYX")


def code_digest(code: str) -> str:
    return hash_edit_key("code:" + read_code(code))


def find_by_link(token: str) -> Participation | None:
    """The participation of a personal link, or of the short code printed beside it."""
    digests = Q(link_digest=hash_edit_key(token))
    if len(read_code(token)) == CODE_LENGTH:
        digests |= Q(code_digest=code_digest(token))
    return (
        Participation.objects.select_related(
            "campaign__questionnaire", "campaign__organization", "person", "representative"
        )
        .filter(digests)
        .exclude(link_digest="")
        .first()
    )


def _has_active_account(user) -> bool:
    return user is not None and user.is_active and user.has_usable_password()


@action
def survey_links_issue(campaign: Campaign, *, actor, channel: str = "auto", site_url: str) -> LinksIssued:
    """Personal one-time links for the addressees who have not answered and have no working
    account: by e-mail where there is an address (`auto`, `email`), on a printed slip otherwise
    (`auto`, `slip`). A new link replaces the one issued before."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != Campaign.Status.OPEN:
        raise ActionRefused("Ссылки выдаются только для идущего анкетирования.")
    if campaign.by_code:
        raise ActionRefused(
            "Это анкетирование проходит по публичной ссылке с кодом: личные ссылки не выдаются, "
            "напечатайте листки с кодами."
        )
    if channel not in ("auto", "email", "slip"):
        raise ActionRefused("Неизвестный способ передачи ссылок.")
    participations = (
        Participation.objects.filter(campaign=campaign, answered=False)
        .select_related("person__user", "representative__user")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    result = LinksIssued()
    for participation in participations:
        addressee = participation.addressee
        if _has_active_account(addressee.user):
            continue
        way = channel if channel != "auto" else ("email" if addressee.email else "slip")
        if way == "email" and not addressee.email:
            continue
        token, code = secrets.token_urlsafe(24), new_code()
        participation.link_digest = hash_edit_key(token)
        participation.code_digest = code_digest(code)
        participation.link_issued = True
        participation.save(update_fields=["link_digest", "code_digest", "link_issued"])
        link = survey_link(site_url, token)
        if way == "email":
            result.emailed += 1
            transaction.on_commit(lambda a=addressee, link=link: _send_link(campaign, a, link))
        else:
            note = ""
            if participation.representative_id:
                note = (
                    f"{participation.representative.get_relation_display()}: {participation.person.full_name}"
                )
            result.slips.append(LinkSlip(addressee=addressee, note=note, link=link, code=format_code(code)))
    return result


def _send_link(campaign: Campaign, addressee, link: str) -> None:
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    context = {"campaign": campaign, "addressee": addressee, "link": link}
    send_mail(
        f"Анкета: {campaign.title}",
        render_to_string("surveys/email/personal_link.txt", context),
        None,
        [addressee.email],
    )


# ---------------------------------------------------------------- public link with a code (issue 19)

CODE_UNKNOWN = "Такого кода нет. Проверьте, что код введён так, как напечатан на листке (8 знаков)."
CODE_USED = "По этому коду уже ответили: каждый код действует один раз."
NOT_ACCEPTING = "Анкетирование не принимает ответы: оно ещё не началось или уже завершено."
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 — an alphabet, not a secret
TOKEN_LENGTH = 10


@dataclass
class CodeSlip:
    """An unnamed slip of the public link: the code exists in clear only here, on its way into the PDF."""

    code: str
    link: str


def public_link(site_url: str, campaign: Campaign, code: str = "") -> str:
    link = site_url.rstrip("/") + reverse("answer:public", args=[campaign.public_token])
    return f"{link}?code={code}" if code else link


def _new_codes(n: int) -> dict[str, str]:
    """`n` fresh codes (digest → code) that no campaign and no personal link uses yet."""
    codes: dict[str, str] = {}
    while len(codes) < n:
        batch = {code_digest(c): c for c in (new_code() for _ in range(n - len(codes)))}
        taken = set(SurveyCode.objects.filter(digest__in=batch).values_list("digest", flat=True))
        taken |= set(
            Participation.objects.filter(code_digest__in=batch).values_list("code_digest", flat=True)
        )
        codes.update((d, c) for d, c in batch.items() if d not in taken)
    return codes


@action
def campaign_codes_issue(campaign: Campaign, *, actor, site_url: str) -> list[CodeSlip]:
    """Switch on «Публичная ссылка с кодом» for a running anonymous campaign and print a code for
    each addressee who has not answered: unnamed slips, so nobody can tell whose code gave which
    answer. Printing again replaces the codes not used yet. From then on the campaign is answered
    only by code: the personal links not yet used stop working, and nobody answers twice."""
    campaign = Campaign.objects.select_for_update().select_related("organization").get(pk=campaign.pk)
    if not campaign.anonymous:
        raise ActionRefused(
            "Публичная ссылка с кодом — только для анонимного анкетирования: в именном ответ "
            "связан с человеком, и код это не обеспечит."
        )
    if campaign.status != Campaign.Status.OPEN:
        raise ActionRefused("Коды выдаются для идущего анкетирования: сначала запустите его.")
    if not campaign.is_accepting():
        raise ActionRefused(NOT_ACCEPTING)
    if not campaign.public_token:
        while True:
            token = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))
            if not Campaign.objects.filter(public_token=token).exists():
                break
        campaign.public_token = token
        campaign.save(update_fields=["public_token"])
        campaign.participations.filter(answered=False).update(
            link_digest="", code_digest="", link_issued=False
        )
    campaign.codes.filter(used=False).delete()
    waiting = campaign.participations.filter(answered=False).count() - campaign.codes.count()
    if waiting <= 0:
        raise ActionRefused("Ответили все адресаты: новые коды не нужны.")
    codes = _new_codes(waiting)
    SurveyCode.objects.bulk_create(SurveyCode(campaign=campaign, digest=d) for d in codes)
    # In the order of the codes themselves: the sheet says nothing about the order of the rows.
    shown = sorted(codes.values())
    return [
        CodeSlip(code=format_code(c), link=public_link(site_url, campaign, format_code(c))) for c in shown
    ]


def find_public(token: str) -> Campaign | None:
    if not token:
        return None
    return Campaign.objects.select_related("questionnaire", "organization").filter(public_token=token).first()


def code_refusal(campaign: Campaign, code: str) -> str | None:
    """Why `code` cannot answer `campaign` now, or None when it can."""
    if not campaign.is_accepting():
        return NOT_ACCEPTING
    found = campaign.codes.filter(digest=code_digest(code)).values_list("used", flat=True).first()
    if found is None:
        return CODE_UNKNOWN
    return CODE_USED if found else None


def find_code_campaign(code: str) -> Campaign | None:
    """The campaign whose public link `code` belongs to (for the page «Введите код с листка»)."""
    return Campaign.objects.filter(codes__digest=code_digest(code)).exclude(public_token="").first()


@action
def public_response_submit(campaign: Campaign, *, code: str, answers: list[Answer], actor) -> SurveyResponse:
    """One anonymous answer through the public link: the code is spent, the response keeps no
    person and no time, and nothing joins it to the code (its edit key is random and thrown away)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.by_code:
        raise ActionRefused(CODE_UNKNOWN)
    refusal = code_refusal(campaign, code)
    if refusal:
        raise ActionRefused(refusal)
    spent = SurveyCode.objects.filter(campaign=campaign, digest=code_digest(code), used=False).update(
        used=True
    )
    if spent != 1:
        raise ActionRefused(CODE_USED)
    response = SurveyResponse.objects.create(
        campaign=campaign, edit_key_hash=hash_edit_key(secrets.token_urlsafe(24))
    )
    for answer in answers:
        answer.response = response
    Answer.objects.bulk_create(answers)
    return response
