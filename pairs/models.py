"""Mentoring pairs and groups, their personalized programmes, meetings and feedback."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentoring.lib.concurrency import version_field, version_triggers
from mentoring.lib.scoping import ScopedQuerySet
from people import roles
from people.models import Mentee, Mentor, MentoringForm, MentoringType, Organization, Person

KPI_COMPLETION = 90  # «персонализированная программа реализована не менее чем на 90 %»


class PairQuerySet(ScopedQuerySet):
    """Staff readers see their organizations' pairs, managers change them; mentors and mentees
    see their own, in the schools where they take part."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def own(self, user) -> Q:
        from people.access import organizations_with_role

        # A condition over no organization matches nothing: the SQL compiler drops it, but only
        # after building and compiling its subqueries on every query of every list (a curator's
        # pair list paid for two such subqueries twice a request). Left out here, the SQL is the same.
        condition = Q(pk__in=[])
        member_orgs = organizations_with_role(user, *roles.PARTICIPANTS)
        if member_orgs:
            mine = Q(pair_mentors__mentor__person__user=user) | Q(pair_mentees__mentee__person__user=user)
            condition |= Q(id__in=self.model.objects.filter(mine, organization__in=member_orgs).values("id"))
        # законный представитель (issue 19): the pairs of the children they represent.
        if organizations_with_role(user, roles.REPRESENTATIVE):
            condition |= Q(id__in=self.model.objects.of_children(user).values("id"))
        return condition

    def of_children(self, user) -> PairQuerySet:
        """The pairs and groups of the children `user` represents (while access is in force)."""
        from people.models import represented_students

        return self.filter(
            id__in=PairMentee.objects.filter(mentee__person__in=represented_students(user)).values("pair_id")
        )

    def of_user(self, user) -> PairQuerySet:
        """«Мои пары»: the pairs and groups where the user is a mentor or a mentee."""
        # Through a subquery: OR-ing the two joins would repeat a pair once per member.
        own = Q(pair_mentors__mentor__person__user=user) | Q(pair_mentees__mentee__person__user=user)
        return self.filter(id__in=Pair.objects.filter(own).values("id"))

    def open(self) -> PairQuerySet:
        return self.filter(status__in=[Pair.Status.PROJECT, Pair.Status.ACTIVE])

    def working(self) -> PairQuerySet:
        """Pairs working now: «действует». A project has not begun (no order assigned it yet), an
        ended pair works no more. «В парах» on the dashboard and the public page means these."""
        return self.filter(status=Pair.Status.ACTIVE)

    def have_worked(self) -> PairQuerySet:
        """Pairs that have worked at some time: all but projects. The year's statistics count the
        people of these (with the completed and terminated ones); a project never counts."""
        return self.exclude(status=Pair.Status.PROJECT)

    def for_table(self) -> PairQuerySet:
        """What a table of many pairs shows: form and type here, the participants' names attached
        to the page afterwards by `attach_names` (plain values, no model instances per person)."""
        return self.select_related("form", "type").only(
            "uuid", "status", "planned_start", "planned_end", "form__name", "type__name", "type__is_group"
        )

    def for_list(self) -> PairQuerySet:
        return self.select_related("form", "type", "program").prefetch_related(
            models.Prefetch("pair_mentors", PairMentor.objects.select_related("mentor__person")),
            models.Prefetch("pair_mentees", PairMentee.objects.select_related("mentee__person")),
        )


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="PairEvent"
)
class Pair(models.Model):
    """Наставническая пара или группа."""

    class Status(models.TextChoices):
        PROJECT = "project", "проект"
        ACTIVE = "active", "действует"
        COMPLETED = "completed", "завершена"
        TERMINATED = "terminated", "прекращена"

    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", "цели достигнуты полностью"
        PARTIAL = "partial", "цели достигнуты частично"
        NOT_ACHIEVED = "not_achieved", "цели не достигнуты"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="pairs")
    mentors = models.ManyToManyField(Mentor, through="PairMentor", related_name="pairs")
    mentees = models.ManyToManyField(Mentee, through="PairMentee", related_name="pairs")
    form = models.ForeignKey(
        MentoringForm, on_delete=models.PROTECT, related_name="pairs", verbose_name="форма наставничества"
    )
    type = models.ForeignKey(
        MentoringType, on_delete=models.PROTECT, related_name="pairs", verbose_name="вид наставничества"
    )
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.PROJECT)
    planned_start = models.DateField("плановое начало")
    planned_end = models.DateField("плановое окончание")
    started_on = models.DateField("фактическое начало", null=True, blank=True)
    ended_on = models.DateField("фактическое окончание", null=True, blank=True)
    end_reason = models.TextField("причина прекращения", blank=True)
    outcome = models.CharField("оценка результата", max_length=12, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField("итоги работы", blank=True)
    mentor_consent_on = models.DateField(
        "дата письменного согласия наставника на дополнительную работу", null=True, blank=True
    )
    mentor_consent_scan = models.FileField(
        "скан-копия согласия наставника", upload_to="pairs/consents/%Y/", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = version_field()

    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = "наставническая пара (группа)"
        verbose_name_plural = "наставнические пары и группы"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status"])]
        triggers = version_triggers("pair")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="terminated") | ~Q(end_reason=""), name="pair_terminated_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | ~Q(outcome=""), name="pair_completed_has_outcome"
            ),
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("planned_start")), name="pair_planned_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        mentors = ", ".join(link.mentor.person.short_name for link in self.pair_mentors.all())
        mentees = ", ".join(link.mentee.person.short_name for link in self.pair_mentees.all())
        return f"{mentors} → {mentees}"

    def get_absolute_url(self) -> str:
        return reverse("pairs:pair_detail", args=[self.uuid])

    @property
    def mentor_names(self) -> list[str]:
        """«Иванова М.П.» for each mentor: attached by `attach_names`, else from the links."""
        if "_mentor_names" not in self.__dict__:
            self._mentor_names = [link.mentor.person.short_name for link in self.pair_mentors.all()]
        return self._mentor_names

    @property
    def mentee_names(self) -> list[str]:
        """«Петров И.С. (7А)» for each mentee: attached by `attach_names`, else from the links."""
        if "_mentee_names" not in self.__dict__:
            self._mentee_names = [
                _with_class(link.mentee.person.short_name, link.mentee.person.school_class)
                for link in self.pair_mentees.all()
            ]
        return self._mentee_names

    @property
    def is_group(self) -> bool:
        return self.type.is_group or len(self.mentee_names) > 1

    @property
    def kind_label(self) -> str:
        return "группа" if self.is_group else "пара"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PROJECT, self.Status.ACTIVE)

    def participant_people(self) -> list[Person]:
        return [link.mentor.person for link in self.pair_mentors.all()] + [
            link.mentee.person for link in self.pair_mentees.all()
        ]

    def is_mentor(self, user) -> bool:
        return any(link.mentor.person.user_id == user.pk for link in self.pair_mentors.all())

    def is_mentee(self, user) -> bool:
        return any(link.mentee.person.user_id == user.pk for link in self.pair_mentees.all())


def _with_class(name: str, school_class: str) -> str:
    return f"{name} ({school_class})" if school_class else name


def show_own_children_only(pairs, child_ids: set[int]) -> None:
    """For a законный представитель: the mentees of each pair named only where they are the
    user's children; the other children of a group are counted, not named (their names are
    their families' personal data, DESIGN §1: a parent sees their child's pair)."""
    from mentoring.lib.grammar import plural

    for pair in pairs:
        links = list(pair.pair_mentees.all())
        own = [link.mentee.person for link in links if link.mentee.person_id in child_ids]
        pair.group_size = len(links)
        pair.other_children = len(links) - len(own)
        pair._mentee_names = [_with_class(person.short_name, person.school_class) for person in own]
        if pair.other_children:
            pair._mentee_names.append(f"ещё {plural(pair.other_children, 'обучающийся')}")


def attach_names(pairs: list[Pair]) -> list[Pair]:
    """Set `mentor_names` and `mentee_names` of a page of pairs with one query of plain values."""
    by_id = {pair.pk: pair for pair in pairs}
    for pair in pairs:
        pair._mentor_names, pair._mentee_names = [], []
    columns = ("id", "pair_id", "role", "last_name", "first_name", "middle_name", "school_class")
    links = []
    for model, role in ((PairMentor, "mentor"), (PairMentee, "mentee")):
        person = f"{role}__person__"
        links.append(
            model.objects.filter(pair_id__in=by_id)
            .annotate(
                role=models.Value(role),
                last_name=models.F(person + "last_name"),
                first_name=models.F(person + "first_name"),
                middle_name=models.F(person + "middle_name"),
                school_class=models.F(person + "school_class"),
            )
            .order_by()
            .values_list(*columns)
        )
    # In the order the links were made, as the prefetched links list them on the pair's page.
    rows = sorted(links[0].union(links[1], all=True))
    for _, pair_id, role, last_name, first_name, middle_name, school_class in rows:
        name = Person.short_name_of(last_name, first_name, middle_name)
        if role == "mentor":
            by_id[pair_id]._mentor_names.append(name)
        else:
            by_id[pair_id]._mentee_names.append(_with_class(name, school_class))
    return pairs


class MembershipQuerySet(models.QuerySet):
    """Places of mentors (or mentees) in pairs."""

    def working(self) -> MembershipQuerySet:
        """In pairs working now (`PairQuerySet.working`)."""
        return self.filter(pair__in=Pair.objects.working())


def working_people(organization) -> dict[str, int]:
    """How many mentors and mentees are in pairs and groups working now, each person once: the
    figure «в действующих парах» of the dashboard and of the public page."""
    return (
        Pair.objects.working()
        .filter(organization=organization)
        .aggregate(
            mentors=models.Count("pair_mentors__mentor", distinct=True),
            mentees=models.Count("pair_mentees__mentee", distinct=True),
        )
    )


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent(), model_name="PairMentorEvent")
class PairMentor(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="pair_mentors")
    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="pair_links")
    capacity_override_reason = models.TextField("обоснование превышения нагрузки", blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "наставник пары"
        verbose_name_plural = "наставники пар"
        constraints = [models.UniqueConstraint(fields=["pair", "mentor"], name="pair_mentor_unique")]

    def __str__(self) -> str:
        return str(self.mentor)


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent(), model_name="PairMenteeEvent")
class PairMentee(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="pair_mentees")
    mentee = models.ForeignKey(Mentee, on_delete=models.PROTECT, related_name="pair_links")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "наставляемый пары"
        verbose_name_plural = "наставляемые пар"
        constraints = [models.UniqueConstraint(fields=["pair", "mentee"], name="pair_mentee_unique")]

    def __str__(self) -> str:
        return str(self.mentee)


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="ProgramEvent"
)
class Program(models.Model):
    """Персонализированная программа наставничества (педагоги) или ИОМ (обучающиеся)."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", "персонализированная программа наставничества"
        IOM = "iom", "индивидуальный образовательный маршрут (ИОМ)"

    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        REVIEW = "review", "на утверждении"
        APPROVED = "approved", "утверждена"

    pair = models.OneToOneField(Pair, on_delete=models.CASCADE, related_name="program")
    kind = models.CharField("вид программы", max_length=10, choices=Kind.choices, default=Kind.PERSONAL)
    deficits = models.TextField("выявленные дефициты (запросы)")
    goals = models.TextField("цели")
    tasks = models.TextField("задачи")
    period_start = models.DateField("срок реализации: с")
    period_end = models.DateField("по")
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField("дата утверждения", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The curator sends the programme for approval; the director approves it or returns it with a
    # comment. `submitted_at` tells one submission from the next (a notification per submission).
    submitted_at = models.DateTimeField("отправлена на утверждение", null=True, blank=True)
    return_comment = models.TextField("замечания руководителя", blank=True)
    # Who approved, as the stamp writes it and kept as it was that day: «Директор», «С.В. Прохорова».
    approver_position = models.CharField("должность утвердившего", max_length=200, blank=True)
    approver_name = models.CharField("утвердил (И.О. Фамилия)", max_length=200, blank=True)
    # Or the order «Об утверждении персонализированных программ …» that approved it (the orders sit
    # above this app, so the programme keeps the order's number and date as the roadmap does).
    order_number = models.CharField("номер приказа об утверждении", max_length=50, blank=True)
    order_date = models.DateField("дата приказа об утверждении", null=True, blank=True)
    version = version_field()

    class Meta:
        verbose_name = "персонализированная программа"
        verbose_name_plural = "персонализированные программы"
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="program_period_ordered"
            )
        ]
        triggers = version_triggers("program")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.pair}"

    @property
    def approved_by_order(self) -> bool:
        return self.status == self.Status.APPROVED and bool(self.order_number)

    def completion(self) -> tuple[int, int, int]:
        """(done, total, percent) over the plan items, using prefetched items when present."""
        items = list(self.items.all())
        done = sum(1 for item in items if item.done_on)
        percent = round(100 * done / len(items)) if items else 0
        return done, len(items), percent

    @property
    def percent(self) -> int:
        return self.completion()[2]

    @property
    def kpi_met(self) -> bool:
        done, total, _ = self.completion()
        # Exact comparison, not the rounded percent: 89.6 % is not «не менее 90 %».
        return total > 0 and done * 100 >= KPI_COMPLETION * total


class PlanItem(models.Model):
    """Пункт плана программы."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("№", default=0)
    content = models.TextField("содержание")
    deadline = models.DateField("срок")
    expected_result = models.TextField("ожидаемый результат", blank=True)
    reporting_form = models.CharField("форма отчётности", max_length=300, blank=True)
    done_on = models.DateField("выполнено", null=True, blank=True)
    evidence = models.TextField("подтверждение выполнения", blank=True)

    class Meta:
        verbose_name = "пункт плана"
        verbose_name_plural = "пункты плана"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.content[:60]

    @property
    def overdue(self) -> bool:
        return not self.done_on and self.deadline < timezone.localdate()


class MeetingQuerySet(ScopedQuerySet):
    scope_through = "pair"

    def held(self) -> MeetingQuerySet:
        """Meetings that took place: the only ones monitoring counts and feedback is given on."""
        return self.filter(status=Meeting.Status.HELD)

    def upcoming(self) -> MeetingQuerySet:
        """Planned meetings from today on, the nearest first."""
        return self.filter(status=Meeting.Status.PLANNED, date__gte=timezone.localdate()).order_by(
            "date", "time", "id"
        )

    def pending_feedback_for(self, person_ids) -> MeetingQuerySet:
        """Held meetings these people attended and have not yet given feedback on."""
        return (
            self.held()
            .filter(attendees__in=person_ids)
            .exclude(feedbacks__person__in=person_ids)
            .filter(pair__status__in=[Pair.Status.ACTIVE, Pair.Status.COMPLETED])
            .distinct()
        )

    def for_list(self) -> MeetingQuerySet:
        return self.prefetch_related("attendees", "feedbacks__person")


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="MeetingEvent"
)
class Meeting(models.Model):
    class Kind(models.TextChoices):
        # Declared in their usual order; the order check relies on it.
        FIRST = "first", "первая (организационная)"
        SECOND = "second", "вторая (пробная рабочая)"
        PLANNING = "planning", "встреча-планирование"
        REGULAR = "regular", "регулярная"
        FINAL = "final", "заключительная"
        REFLECTION = "reflection", "групповая рефлексия"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "очно"
        REMOTE = "remote", "дистанционно"

    class Status(models.TextChoices):
        PLANNED = "planned", "запланирована"
        HELD = "held", "проведена"
        CANCELLED = "cancelled", "отменена"
        MISSED = "missed", "не состоялась"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField("вид встречи", max_length=12, choices=Kind.choices)
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.PLANNED)
    date = models.DateField("дата")
    time = models.TimeField("время", null=True, blank=True)
    place = models.CharField("место", max_length=300, blank=True)
    video_link = models.URLField("ссылка на видеовстречу", max_length=500, blank=True)
    agenda = models.TextField("повестка", blank=True)
    duration_minutes = models.PositiveSmallIntegerField("продолжительность, мин", default=45)
    format = models.CharField("формат", max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    topic = models.CharField("тема", max_length=300)
    summary = models.TextField("что обсудили, результаты", blank=True)
    next_steps = models.TextField("следующие шаги", blank=True)
    attendees = models.ManyToManyField(
        Person, related_name="meetings_attended", verbose_name="присутствовали"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "встреча"
        verbose_name_plural = "встречи"
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["pair", "date"]), models.Index(fields=["status", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=600),
                name="meeting_duration_sane",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}: {self.topic}"

    def get_organization_id(self) -> int:
        return self.pair.organization_id

    @property
    def starts_at(self) -> datetime | None:
        """The start as an aware datetime in the installation's time zone; None without a time."""
        if self.time is None:
            return None
        return timezone.make_aware(datetime.combine(self.date, self.time))

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD


def meeting_order_warnings(meetings: list[Meeting]) -> dict[int, str]:
    """Warnings keyed by meeting id where the sequence of kinds is not the usual one.

    The usual order: first, second, planning, then regular ones, then the final meeting and the
    group reflection. Regular meetings may repeat; a meeting of an earlier stage after a later one,
    or any stage before the organizational meeting, is odd.
    """
    warnings: dict[int, str] = {}
    ranks = list(Meeting.Kind.values)
    seen_first = False
    highest = -1
    highest_kind = None
    # A cancelled or missed meeting did not happen and plans nothing: it cannot break the order.
    counted = [m for m in meetings if m.status in (Meeting.Status.HELD, Meeting.Status.PLANNED)]
    for meeting in sorted(counted, key=lambda m: (m.date, m.pk or 0)):
        rank = ranks.index(meeting.kind)
        if meeting.kind == Meeting.Kind.FIRST:
            if seen_first:
                warnings[meeting.pk] = "Организационная встреча уже была."
            elif highest >= 0:
                warnings[meeting.pk] = "Организационная встреча проведена не первой."
            seen_first = True
        elif not seen_first:
            warnings[meeting.pk] = f"«{meeting.get_kind_display()}» раньше первой (организационной) встречи."
        elif rank < highest:
            warnings[meeting.pk] = (
                f"«{meeting.get_kind_display()}» после встречи «{Meeting.Kind(highest_kind).label}»."
            )
        if rank > highest:
            highest, highest_kind = rank, meeting.kind
    return warnings


def order_warning_for_new(existing: list[Meeting], kind: str, on: date) -> str | None:
    """The warning a meeting of `kind` on `on` would get if added after `existing`."""
    probe = Meeting(kind=kind, date=on, pk=10**12)
    return meeting_order_warnings([*existing, probe]).get(probe.pk)


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="FeedbackEvent"
)
class Feedback(models.Model):
    """Форма обратной связи участника после встречи («онлайн-дневник»)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedbacks")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="feedbacks")
    usefulness = models.PositiveSmallIntegerField("польза встречи (1–10)")
    comfort = models.PositiveSmallIntegerField("комфорт (1–10)")
    clarity = models.PositiveSmallIntegerField("ясность следующих шагов (1–10)")
    what_worked = models.TextField("что получилось", blank=True)
    what_was_hard = models.TextField("что было трудно", blank=True)
    private_note = models.TextField("заметка для куратора (видит только куратор)", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "обратная связь"
        verbose_name_plural = "обратная связь"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="feedback_once_per_person"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{f}__gte": 1, f"{f}__lte": 10}), name=f"feedback_{f}_1_10"
                )
                for f in ("usefulness", "comfort", "clarity")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}"


# --- законный представитель (issue 19) ---
CHILD_ANSWERS_THROUGH_PARENT_BELOW = 14  # years: a younger child's feedback is given by a parent


def child_attendee_for(user, meeting: Meeting) -> Person | None:
    """The attendee under 14 on the meeting's day whom `user` represents, or None."""
    from people.models import represented_students

    if not user.is_authenticated:
        return None
    children = set(represented_students(user).values_list("pk", flat=True))
    for person in meeting.attendees.all():
        age = person.age_on(meeting.date)
        if person.pk in children and age is not None and age < CHILD_ANSWERS_THROUGH_PARENT_BELOW:
            return person
    return None


# --- end законный представитель ---


def own_mentees(user):
    """The people a user mentors in active pairs and groups (for the people app's visibility hook).

    Access lasts as long as the relation: once a pair is completed or terminated (or still only a
    project) its mentor no longer opens the mentee's card. Both conditions sit in one `filter()` so
    that they apply to the same pair.
    """
    if not user.is_authenticated:
        return None
    return Person.objects.filter(
        mentee__pair_links__pair__pair_mentors__mentor__person__user=user,
        mentee__pair_links__pair__status=Pair.Status.ACTIVE,
    )


def mentee_history_window(user, person):
    """From the start of the user's first active pair with `person` (as mentee) to today: what the
    mentor reads of the mentee's bank records (for the people app's history-window hook)."""
    if not user.is_authenticated:
        return None
    starts = [
        pair.started_on or pair.planned_start
        for pair in Pair.objects.filter(
            status=Pair.Status.ACTIVE,
            pair_mentors__mentor__person__user=user,
            pair_mentees__mentee__person=person,
        ).only("started_on", "planned_start")
    ]
    if not starts:
        return None
    return min(starts), timezone.localdate()
