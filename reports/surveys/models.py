"""Questionnaires («анкеты») and the campaigns that send them to a group («анкетирования»).

Imported by pairs/models.py so that the app's models stay in one place for Django.

Anonymity. A named campaign stores the respondent on the response. An anonymous one does not:
who has answered is kept in `Participation` (person, campaign, a flag), what was answered in
`SurveyResponse` (campaign, answers, no person, no time), and nothing joins the two: no foreign
key, no timestamp on either that would let the order of answering be matched. The respondent may
still edit their anonymous answers: the response keeps only the hash of a random key that the
respondent alone holds (a cookie in their browser and a code shown to them). None of these models
is tracked by pghistory, whose context rows record the acting user.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from mentoring.lib.scoping import ScopedQuerySet
from people import roles
from people.models import AcademicYear, LegalRepresentative, MentoringForm, Organization, Person
from reports.surveys.standard import STAFF_TEMPLATES


class QuestionnaireQuerySet(ScopedQuerySet):
    """Questionnaires are the staff's: built by the managers, read by the staff readers.
    Respondents see the questions of a campaign sent to them, not the questionnaire."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}


class Questionnaire(models.Model):
    """Анкета: sections of questions, built by the curator or copied from a shipped template."""

    class Kind(models.TextChoices):
        MENTOR_CANDIDATE = "mentor_candidate", "анкета потенциального наставника"
        MENTEE_REQUESTS = "mentee_requests", "анкета наставляемого (запросы)"
        DIAGNOSTIC = "diagnostic", "диагностическая анкета"
        SATISFACTION_START = "satisfaction_start", "удовлетворённость: начало программы"
        SATISFACTION_END = "satisfaction_end", "удовлетворённость: завершение программы"
        CURATOR = "curator", "анкета куратора"
        QUALITY = "quality", "мониторинг качества реализации программ"
        OTHER = "other", "другая анкета"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="questionnaires")
    title = models.CharField("название", max_length=300)
    kind = models.CharField("назначение", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField("обращение к респонденту", blank=True)
    template_key = models.CharField("шаблон", max_length=40, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        db_table = "pairs_questionnaire"
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:questionnaire_detail", args=[self.uuid])

    @property
    def is_for_staff(self) -> bool:
        """Made from a shipped template written for teachers: not for students or their parents."""
        return self.template_key in STAFF_TEMPLATES

    @property
    def is_locked(self) -> bool:
        """Once a campaign has been launched with it, answers refer to its questions and options."""
        return self.campaigns.exclude(status=Campaign.Status.DRAFT).exists()


class Section(models.Model):
    """Раздел анкеты."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField("порядок", default=1)
    title = models.CharField("название раздела", max_length=300)
    description = models.TextField("пояснение", blank=True)

    class Meta:
        db_table = "pairs_section"
        verbose_name = "раздел анкеты"
        verbose_name_plural = "разделы анкеты"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    def get_organization_id(self) -> int:
        return self.questionnaire.organization_id


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE10 = "scale10", "шкала от 1 до 10"
        SCALE5 = "scale5", "шкала от 1 до 5"
        SINGLE = "single", "один вариант из списка"
        MULTIPLE = "multiple", "несколько вариантов из списка"
        YESNO = "yesno", "да / нет"
        SHORT = "short", "короткий текст"
        LONG = "long", "развёрнутый текст"

    SCALES = {Kind.SCALE10: 10, Kind.SCALE5: 5}
    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
    TEXT_KINDS = (Kind.SHORT, Kind.LONG)

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("порядок", default=1)
    text = models.TextField("вопрос")
    kind = models.CharField("тип ответа", max_length=10, choices=Kind.choices)
    required = models.BooleanField("обязательный", default=True)
    options = models.JSONField("варианты ответа", default=list, blank=True)
    help_text = models.CharField("подсказка", max_length=300, blank=True)
    # The same code in two questionnaires marks the same question (start and end of a programme).
    code = models.SlugField("код для сравнения", max_length=40, blank=True)

    class Meta:
        db_table = "pairs_question"
        verbose_name = "вопрос"
        verbose_name_plural = "вопросы"
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["single", "multiple"]) | ~Q(options=[]),
                name="question_choice_has_options",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def scale_max(self) -> int | None:
        return self.SCALES.get(self.kind)

    @property
    def is_scale(self) -> bool:
        return self.kind in self.SCALES

    @property
    def is_text(self) -> bool:
        return self.kind in self.TEXT_KINDS

    def value_labels(self) -> list[tuple[int, str]]:
        """(stored value, label) of every possible answer of a closed question."""
        if self.is_scale:
            return [(n, str(n)) for n in range(1, self.scale_max + 1)]
        if self.kind == self.Kind.YESNO:
            return [(1, "да"), (0, "нет")]
        if self.kind in self.CHOICE_KINDS:
            return list(enumerate(self.options))
        return []


class CampaignQuerySet(ScopedQuerySet):
    """Staff readers see their organizations' campaigns and managers run them; a respondent sees
    the campaigns sent to them, in the schools where they still hold a role."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def own(self, user) -> Q:
        from people.access import organizations_with_role

        sent = Participation.objects.filter(
            person__user=user, campaign__organization__in=organizations_with_role(user, *roles.MEMBERS)
        )
        # законный представитель (issue 19): sent to them, or to their child under 14.
        sent_to_family = Participation.objects.of_representative(user)
        return Q(id__in=sent.values("campaign_id")) | Q(id__in=sent_to_family.values("campaign_id"))

    def for_list(self) -> CampaignQuerySet:
        used_codes = (
            SurveyCode.objects.filter(campaign=models.OuterRef("pk"), used=True)
            .values("campaign")
            .annotate(n=models.Count("id"))
            .values("n")
        )
        return self.select_related("questionnaire", "academic_year", "target_form").annotate(
            invited=models.Count("participations", distinct=True),
            answered=models.Count("participations", filter=Q(participations__answered=True), distinct=True)
            + Coalesce(models.Subquery(used_codes), 0),
        )

    def accepting(self, today: date | None = None) -> CampaignQuerySet:
        today = today or timezone.localdate()
        return self.filter(status=Campaign.Status.OPEN, opens_on__lte=today, closes_on__gte=today)


class Campaign(models.Model):
    """Анкетирование: a questionnaire sent to a target group for a period."""

    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        OPEN = "open", "идёт"
        CLOSED = "closed", "завершено"

    class Target(models.TextChoices):
        MENTORS = "mentors", "все наставники"
        MENTEES = "mentees", "все наставляемые"
        FORM_MENTEES = "form_mentees", "наставляемые одной формы наставничества"
        PAIRS = "pairs", "участники выбранных пар и групп"
        SCHOOL_CLASS = "school_class", "обучающиеся класса"
        CURATORS = "curators", "кураторы наставничества"
        # issue 19: surveys that reach people beyond the banks
        STAFF_ALL = "staff_all", "все педагоги организации"
        PARENTS_CLASS = "parents_class", "законные представители обучающихся класса"
        PARENTS_PAIRS = "parents_pairs", "законные представители участников выбранных пар"
        PARENTS_ALL = "parents_all", "законные представители всех обучающихся-наставляемых"

    PARENT_TARGETS = frozenset({Target.PARENTS_CLASS, Target.PARENTS_PAIRS, Target.PARENTS_ALL})

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="campaigns")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="campaigns", verbose_name="анкета"
    )
    title = models.CharField("название анкетирования", max_length=300)
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name="учебный год"
    )
    target = models.CharField("кого опрашиваем", max_length=14, choices=Target.choices)
    target_form = models.ForeignKey(
        MentoringForm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="форма наставничества",
    )
    target_class = models.CharField("класс", max_length=20, blank=True)
    target_pairs = models.ManyToManyField(
        "pairs.Pair", blank=True, related_name="campaigns", verbose_name="пары и группы"
    )
    opens_on = models.DateField("начало")
    closes_on = models.DateField("окончание")
    anonymous = models.BooleanField(
        "анонимно", default=True, help_text="Ответы не связаны с именами; изменить это после запуска нельзя."
    )
    baseline = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="сравнить с анкетированием (начало программы)",
    )
    status = models.CharField("статус", max_length=8, choices=Status.choices, default=Status.DRAFT)
    # «Публичная ссылка с кодом» (issue 19): the random part of the public address /s/<token>/;
    # empty while the campaign is answered only by its addressees' accounts and personal links.
    public_token = models.CharField("публичная ссылка", max_length=16, blank=True, editable=False)
    # A campaign opened by a schedule, for the period starting on `period_start`.
    schedule = models.ForeignKey(
        "CampaignSchedule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name="расписание",
    )
    period_start = models.DateField("начало периода расписания", null=True, blank=True)
    launched_at = models.DateTimeField("запущено", null=True, blank=True)
    closed_at = models.DateTimeField("завершено", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        db_table = "pairs_campaign"
        verbose_name = "анкетирование"
        verbose_name_plural = "анкетирования"
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["organization", "academic_year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="campaign_period_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(target="form_mentees") | Q(target_form__isnull=False), name="campaign_form_given"
            ),
            models.CheckConstraint(
                condition=~Q(target="school_class") | ~Q(target_class=""), name="campaign_class_given"
            ),
            models.CheckConstraint(
                condition=~Q(target="parents_class") | ~Q(target_class=""),
                name="campaign_parents_class_given",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(launched_at__isnull=False), name="campaign_launched_has_time"
            ),
            models.UniqueConstraint(
                fields=["public_token"], condition=~Q(public_token=""), name="campaign_public_token_unique"
            ),
            # A code proves only that its holder was given a slip: a named campaign cannot use it.
            models.CheckConstraint(
                condition=Q(public_token="") | Q(anonymous=True), name="campaign_public_only_anonymous"
            ),
            models.UniqueConstraint(
                fields=["schedule", "period_start"], name="campaign_once_per_schedule_period"
            ),
            models.CheckConstraint(
                condition=Q(schedule__isnull=True) | Q(period_start__isnull=False),
                name="campaign_scheduled_has_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:campaign_detail", args=[self.uuid])

    def is_accepting(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.opens_on <= today <= self.closes_on

    @property
    def state_label(self) -> str:
        """What the respondents and the curator see: the status, with the dates taken into account."""
        today = timezone.localdate()
        if self.status == self.Status.OPEN and today < self.opens_on:
            return f"начнётся {self.opens_on:%d.%m.%Y}"
        if self.status == self.Status.OPEN and today > self.closes_on:
            return "срок истёк"
        return self.get_status_display()

    @property
    def target_label(self) -> str:
        if self.target == self.Target.FORM_MENTEES and self.target_form_id:
            return f"наставляемые формы «{self.target_form}»"
        if self.target == self.Target.SCHOOL_CLASS:
            return f"обучающиеся {self.target_class} класса"
        if self.target == self.Target.PARENTS_CLASS:
            return f"законные представители обучающихся {self.target_class} класса"
        return self.get_target_display()

    @property
    def is_for_parents(self) -> bool:
        return self.target in self.PARENT_TARGETS

    @property
    def by_code(self) -> bool:
        """Answered through the public link with a code from a slip (issue 19)."""
        return bool(self.public_token)

    def counts(self) -> dict[str, int]:
        """Addressees, and answers received: through accounts and personal links (the
        participations that answered) and through the codes of the public link."""
        counts = self.participations.aggregate(
            invited=models.Count("id"), answered=models.Count("id", filter=Q(answered=True))
        )
        if self.public_token:
            counts["answered"] += self.codes.filter(used=True).count()
        return counts


class CampaignScheduleQuerySet(ScopedQuerySet):
    """Schedules are read by the staff readers and run by the managers, like the campaigns."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def for_list(self) -> CampaignScheduleQuerySet:
        """With the pattern campaign and the periods already opened (for the next run date)."""
        return (
            self.select_related("source__questionnaire", "source__target_form", "created_by")
            .prefetch_related(
                models.Prefetch(
                    "campaigns",
                    queryset=Campaign.objects.only(
                        "id", "uuid", "schedule_id", "period_start", "status", "title"
                    ).order_by("-period_start"),
                )
            )
            .order_by("-active", "-created_at", "-id")
        )


class CampaignSchedule(models.Model):
    """A campaign repeated each period (quarter or month of the academic year): on the period's
    first day the periodic job opens a copy of the pattern campaign — its questionnaire and
    audience — open for `days_open` days, and closes it when its days are over. The periods are
    those of the roadmap's recurring activities (`roadmap.deadlines.occurrence_windows`), so a
    campaign closed in a period is offered as evidence for that period's occurrence."""

    class Frequency(models.TextChoices):
        QUARTERLY = "quarterly", "каждую четверть"
        MONTHLY = "monthly", "каждый месяц"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="campaign_schedules"
    )
    source = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="schedules", verbose_name="образец анкетирования"
    )
    frequency = models.CharField("периодичность", max_length=10, choices=Frequency.choices)
    days_open = models.PositiveSmallIntegerField("дней на ответы", default=14)
    # The first period the schedule opens: periods starting earlier are not caught up.
    starts_on = models.DateField("с периода, начинающегося")
    active = models.BooleanField("действует", default=True)
    last_error = models.CharField("почему не открылось", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignScheduleQuerySet.as_manager()

    class Meta:
        verbose_name = "расписание анкетирования"
        verbose_name_plural = "расписания анкетирований"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days_open__gte=1) & Q(days_open__lte=92), name="schedule_days_open_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.title} — {self.get_frequency_display()}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:schedule_list") + f"#schedule-{self.uuid}"


class ParticipationQuerySet(models.QuerySet):
    def of_representative(self, user) -> ParticipationQuerySet:
        """законный представитель (issue 19): the participations of `user` as a parent, and those of
        their children under 14, for whom the parent answers."""
        from pairs.models import CHILD_ANSWERS_THROUGH_PARENT_BELOW
        from people.models import represented_students

        if not user.is_authenticated:
            return self.none()
        today = timezone.localdate()
        born_after = today.replace(year=today.year - CHILD_ANSWERS_THROUGH_PARENT_BELOW)
        children = represented_students(user)
        return self.filter(
            Q(representative__user=user, person__in=children)
            | Q(
                representative__isnull=True,
                person__in=children.filter(birth_date__gt=born_after),
            )
        ).exclude(campaign__questionnaire__template_key__in=STAFF_TEMPLATES)


class Participation(models.Model):
    """One addressee of the campaign, and whether they have answered (never what).

    The addressee is `person`; for the surveys of parents it is `representative`, and `person` is
    the child they represent. An addressee without an account answers through a personal one-time
    link whose digest is `link_digest` (issue 19)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="survey_participations")
    representative = models.ForeignKey(
        LegalRepresentative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_participations",
        verbose_name="законный представитель",
    )
    answered = models.BooleanField("ответил", default=False)
    link_digest = models.CharField(max_length=64, blank=True, editable=False)
    # The short code printed beside the link's QR code, typed at /s/ (the same one-time link).
    code_digest = models.CharField(max_length=64, blank=True, editable=False)
    # No time: nothing on a participation may order the answers of an anonymous campaign.
    link_issued = models.BooleanField("личная ссылка выдана", default=False)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        db_table = "pairs_participation"
        verbose_name = "адресат анкетирования"
        verbose_name_plural = "адресаты анкетирования"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person", "representative"],
                nulls_distinct=False,
                name="participation_once_per_addressee",
            ),
            models.UniqueConstraint(
                fields=["link_digest"], condition=~Q(link_digest=""), name="participation_link_unique"
            ),
            models.UniqueConstraint(
                fields=["code_digest"], condition=~Q(code_digest=""), name="participation_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.addressee} — {self.campaign}"

    @property
    def addressee(self) -> Person | LegalRepresentative:
        return self.representative if self.representative_id else self.person


def hash_edit_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class SurveyCode(models.Model):
    """One code of the public link of an anonymous campaign (issue 19): printed on an unnamed
    slip, good for one answer. Only its digest and whether it has been used are kept: no person,
    no time, and no link to the response it gave, so a code tells nobody who answered what."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, editable=False)
    used = models.BooleanField("использован", default=False)

    class Meta:
        verbose_name = "код публичной ссылки"
        verbose_name_plural = "коды публичной ссылки"
        constraints = [models.UniqueConstraint(fields=["digest"], name="survey_code_unique")]

    def __str__(self) -> str:
        return f"Код анкетирования «{self.campaign}»"


class SurveyResponseQuerySet(ScopedQuerySet):
    """Responses are read with the results by the staff readers; a respondent reaches their own
    answers through their participation, never through this queryset."""

    scope = {"view": roles.STAFF_READERS}
    organization_path = "campaign__organization"


class SurveyResponse(models.Model):
    """Ответ на анкету: named (with the person) or anonymous (with the hash of an edit key only)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="survey_responses"
    )
    # A parent's named answer: `person` is then the child (issue 19).
    representative = models.ForeignKey(
        LegalRepresentative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    edit_key_hash = models.CharField(max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField("отправлено", null=True, blank=True)
    updated_at = models.DateTimeField("изменено", null=True, blank=True)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        db_table = "pairs_surveyresponse"
        verbose_name = "ответ на анкету"
        verbose_name_plural = "ответы на анкеты"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person", "representative"],
                condition=Q(person__isnull=False),
                nulls_distinct=False,
                name="response_once_per_addressee",
            ),
            # Named: a person and times. Anonymous: a key hash and nothing that identifies or orders.
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(edit_key_hash=""))
                | (
                    Q(person__isnull=True)
                    & ~Q(edit_key_hash="")
                    & Q(submitted_at__isnull=True)
                    & Q(updated_at__isnull=True)
                ),
                name="response_named_or_anonymous",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "edit_key_hash"])]

    def __str__(self) -> str:
        return f"Ответ на «{self.campaign}»"

    def get_organization_id(self) -> int:
        return self.campaign.organization_id


class Answer(models.Model):
    """One answer: a scale value, 1/0 for yes/no, an option's index (one row per option chosen), or text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        db_table = "pairs_answer"
        verbose_name = "ответ на вопрос"
        verbose_name_plural = "ответы на вопросы"
        constraints = [
            # Text answers have no value: NULLs count as equal, so a question has one text answer.
            models.UniqueConstraint(
                fields=["response", "question", "value"], nulls_distinct=False, name="answer_value_once"
            ),
            models.CheckConstraint(condition=Q(value__isnull=False) | ~Q(text=""), name="answer_not_empty"),
        ]
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self) -> str:
        return self.text[:60] if self.value is None else str(self.value)


class BankProposalQuerySet(ScopedQuerySet):
    """What answers propose for the banks: the managers decide, the staff readers see."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def pending(self) -> BankProposalQuerySet:
        return self.filter(status=BankProposal.Status.PENDING)

    def for_list(self) -> BankProposalQuerySet:
        return self.select_related("person", "campaign", "decided_by").order_by("-created_at", "-id")


class BankProposal(models.Model):
    """An answer that proposes a change of the banks (issue 19): a potential mentor's questionnaire
    proposes a candidate entry in the mentor bank, a mentee's requests questionnaire proposes the
    requests of their bank entry. Nothing changes in the banks until the curator accepts."""

    class Kind(models.TextChoices):
        MENTOR_CANDIDATE = "mentor_candidate", "кандидат в банк наставников"
        MENTEE_REQUESTS = "mentee_requests", "запросы наставляемого"

    class Status(models.TextChoices):
        PENDING = "pending", "ждёт решения"
        ACCEPTED = "accepted", "принято"
        DECLINED = "declined", "отклонено"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="bank_proposals")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="bank_proposals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bank_proposals")
    kind = models.CharField("что предлагается", max_length=20, choices=Kind.choices)
    # Names of competencies (resources or requests) and of forms found in the answers, the free
    # text, and the questionnaire's answers as «question → answer» for the mentor's entry.
    competencies = models.JSONField("компетенции / запросы", default=list, blank=True)
    forms = models.JSONField("формы наставничества", default=list, blank=True)
    text = models.TextField("ответы своими словами", blank=True)
    answers = models.JSONField("ответы анкеты", default=dict, blank=True)
    status = models.CharField("решение", max_length=8, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("решено", null=True, blank=True)
    created_at = models.DateTimeField("получено", default=timezone.now)

    objects = BankProposalQuerySet.as_manager()

    class Meta:
        verbose_name = "предложение для банка"
        verbose_name_plural = "предложения для банков"
        ordering = ["-created_at"]
        constraints = [
            # A changed answer updates the pending proposal instead of adding another.
            models.UniqueConstraint(
                fields=["campaign", "person"], condition=Q(status="pending"), name="bank_proposal_one_pending"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="bank_proposal_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"
