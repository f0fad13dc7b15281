"""The roadmap («дорожная карта»): one per organization and academic year, in versions."""

from __future__ import annotations

import secrets
import uuid
from datetime import date, timedelta

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from mentoring.lib.concurrency import version_field, version_triggers
from mentoring.lib.scoping import ScopedQuerySet
from people import roles
from people.models import AcademicYear, Organization, Person
from roadmap.deadlines import RECURRENCES, Deadline

UPCOMING_DAYS = 7


class RoadmapQuerySet(ScopedQuerySet):
    """Roadmaps of the organizations where the user holds a role. Which of them a role may open
    (drafts are for the staff readers) is decided by the rules; the curator drafts them."""

    scope = {"view": roles.MEMBERS | roles.MUNICIPAL, "manage": frozenset({roles.CURATOR})}

    def for_list(self) -> RoadmapQuerySet:
        """With `activity_count` — the activities its progress counts (not the cancelled ones,
        as `Activity.counts`) — and `cancelled_count`, so that the list and the progress agree."""
        counts = counted("stages__activities__")
        return self.select_related("organization", "academic_year").annotate(
            activity_count=Count("stages__activities", filter=counts),
            cancelled_count=Count("stages__activities", filter=~counts),
        )

    def current(self) -> RoadmapQuerySet:
        """Versions in force or being prepared: everything except the archive."""
        return self.exclude(status=Roadmap.Status.ARCHIVED)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["updated_at"],
    model_name="RoadmapEvent",
)
class Roadmap(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        REVIEW = "review", "на утверждении"
        APPROVED = "approved", "утверждена"
        ARCHIVED = "archived", "в архиве"

    class Source(models.TextChoices):
        TEMPLATE = "template", "типовой шаблон"
        COPY = "copy", "копия прошлого года"
        IMPORT = "import", "импорт из Word"
        AMENDMENT = "amendment", "изменение утверждённой"
        MANUAL = "manual", "вручную"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="roadmaps", verbose_name="организация"
    )
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="roadmaps", verbose_name="учебный год"
    )
    version = models.PositiveSmallIntegerField("версия", default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendment",
        verbose_name="предыдущая версия",
    )
    title = models.TextField("заголовок")
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField("источник", max_length=10, choices=Source.choices, default=Source.MANUAL)
    approved_by = models.CharField("утвердил", max_length=200, blank=True)
    approved_on = models.DateField("дата утверждения", null=True, blank=True)
    order_number = models.CharField("номер приказа", max_length=40, blank=True)
    order_date = models.DateField("дата приказа", null=True, blank=True)
    protocol_number = models.CharField("номер протокола педсовета", max_length=40, blank=True)
    protocol_date = models.DateField("дата протокола педсовета", null=True, blank=True)
    return_comment = models.TextField("замечания при возврате", blank=True)
    amendment_reason = models.TextField("причина изменения", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoadmapQuerySet.as_manager()

    class Meta:
        verbose_name = "дорожная карта"
        verbose_name_plural = "дорожные карты"
        ordering = ["-academic_year__start_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year", "version"], name="roadmap_unique_version"
            ),
            # One version at a time is being prepared, and one is in force.
            models.UniqueConstraint(
                fields=["organization", "academic_year"],
                condition=Q(status__in=["draft", "review"]),
                name="roadmap_one_open_draft",
            ),
            models.UniqueConstraint(
                fields=["organization", "academic_year"],
                condition=Q(status="approved"),
                name="roadmap_one_approved",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | (Q(approved_on__isnull=False) & ~Q(order_number="")),
                name="roadmap_approved_has_order",
            ),
        ]

    def __str__(self) -> str:
        return f"Дорожная карта {self.academic_year.label}, версия {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("roadmap:roadmap_detail", args=[self.uuid])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def year_start(self) -> int:
        return self.academic_year.start_year


class Stage(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField("номер")
    title = models.CharField("наименование этапа", max_length=500)

    class Meta:
        verbose_name = "этап"
        verbose_name_plural = "этапы"
        ordering = ["roadmap", "number"]
        constraints = [models.UniqueConstraint(fields=["roadmap", "number"], name="stage_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_organization_id(self) -> int:
        return self.roadmap.organization_id


class ActivityQuerySet(ScopedQuerySet):
    scope_through = "stage__roadmap"

    def for_list(self) -> ActivityQuerySet:
        return self.select_related(
            "stage__roadmap__organization", "stage__roadmap__academic_year"
        ).prefetch_related("responsible")

    def open(self) -> ActivityQuerySet:
        return self.filter(status__in=[Activity.Status.PLANNED, Activity.Status.IN_PROGRESS])

    def overdue(self, today: date | None = None) -> ActivityQuerySet:
        """Not done and the window already ended — for a recurring activity, the window of an
        occurrence still not done (a quarterly one is overdue in the quarter it was missed)."""
        today = today or timezone.localdate()
        return self.open().filter(due__lt=today)

    def upcoming(self, today: date | None = None, days: int = UPCOMING_DAYS) -> ActivityQuerySet:
        """Not done, ending within `days` days (continuous activities have no single due day)."""
        today = today or timezone.localdate()
        return (
            self.open()
            .filter(due__gte=today, due__lte=today + timedelta(days=days))
            .exclude(recurrence="continuous")
        )

    def in_force(self) -> ActivityQuerySet:
        return self.filter(stage__roadmap__status=Roadmap.Status.APPROVED)


def counted(prefix: str = "") -> Q:
    """The activities a progress counts, as a condition (`prefix` through a join, such as
    "stages__activities__"): the database's `Activity.counts` — a cancelled one counts nowhere."""
    return ~Q(**{f"{prefix}status": Activity.Status.CANCELLED})


def evidence_path(activity: Activity, filename: str) -> str:
    return f"roadmap/{activity.stage.roadmap.organization_id}/{activity.uuid}/{filename}"


@pghistory.track(
    pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), model_name="ActivityEvent"
)
class Activity(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        IN_PROGRESS = "in_progress", "в работе"
        DONE = "done", "выполнено"
        CANCELLED = "cancelled", "отменено"

    class Recurrence(models.TextChoices):
        ONCE = "once", "однократно"
        YEARLY = "yearly", "ежегодно"
        QUARTERLY = "quarterly", "ежеквартально"
        MONTHLY = "monthly", "ежемесячно"
        CONTINUOUS = "continuous", "постоянно"

    class KpiUnit(models.TextChoices):
        PERCENT = "percent", "%"
        COUNT = "count", "количество"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="activities", verbose_name="этап")
    position = models.PositiveSmallIntegerField("порядок", default=1)
    number = models.CharField("номер", max_length=20, blank=True)
    title = models.TextField("содержание деятельности")
    content = models.TextField("примерный план мероприятий", blank=True)
    deadline_text = models.CharField("сроки (как написано)", max_length=300, blank=True)
    start = models.DateField("начало", null=True, blank=True)
    end = models.DateField("окончание", null=True, blank=True)
    # The end of the window not yet done: `end`, or for a recurring activity the end of its first
    # occurrence not done. What «просрочено» and «ближайшие сроки» are computed from.
    due = models.DateField("ближайший срок", null=True, blank=True)
    recurrence = models.CharField("периодичность", max_length=12, choices=Recurrence.choices, default="once")
    on_demand = models.BooleanField("по мере необходимости", default=False)
    deadline_parsed = models.BooleanField("срок распознан", default=False)
    responsible = models.ManyToManyField(
        Person, blank=True, related_name="roadmap_activities", verbose_name="ответственные сотрудники"
    )
    responsible_roles = models.TextField(
        "ответственные (должности, роли)", blank=True, help_text="По одной строке: «Классные руководители»"
    )
    expected_result = models.TextField("ожидаемый результат / вид документа", blank=True)
    kpi = models.TextField("показатель эффективности", blank=True)
    kpi_target = models.DecimalField(
        "целевое значение", max_digits=6, decimal_places=1, null=True, blank=True
    )
    kpi_unit = models.CharField(
        "единица показателя", max_length=8, choices=KpiUnit.choices, blank=True, default=""
    )
    kpi_actual = models.DecimalField(
        "фактическое значение", max_digits=6, decimal_places=1, null=True, blank=True
    )
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.PLANNED)
    evidence_file = models.FileField("подтверждающий файл", upload_to=evidence_path, blank=True)
    evidence_link = models.URLField("ссылка", max_length=500, blank=True)
    evidence_note = models.TextField("примечание / протокол", blank=True)
    completed_on = models.DateField("дата выполнения", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = version_field()

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["stage__number", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(start__lte=models.F("end")),
                name="activity_window_ordered",
            ),
            models.CheckConstraint(condition=Q(recurrence__in=RECURRENCES), name="activity_recurrence_known"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False), name="activity_done_has_date"
            ),
        ]
        indexes = [models.Index(fields=["status", "end"]), models.Index(fields=["status", "due"])]
        triggers = version_triggers("activity")

    def __str__(self) -> str:
        return f"{self.number} {self.title[:80]}".strip()

    def save(self, *args, **kwargs) -> None:
        # A window set directly (not through `apply_deadline`) is due at its end.
        if self.due is None and self.end is not None:
            self.due = self.end
        super().save(*args, **kwargs)

    def get_organization_id(self) -> int:
        return self.stage.roadmap.organization_id

    @property
    def roles_list(self) -> list[str]:
        return [line.strip() for line in self.responsible_roles.splitlines() if line.strip()]

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file or self.evidence_link or self.evidence_note.strip())

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)
            and self.due is not None
            and self.due < today
        )

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def counts(self) -> bool:
        """Whether it counts in the roadmap's progress, on every page: a cancelled one nowhere."""
        return self.status != self.Status.CANCELLED

    @property
    def done_on_time(self) -> bool:
        return self.status == self.Status.DONE and (self.end is None or self.completed_on <= self.end)

    def apply_kpi_text(self) -> None:
        """The target and its unit, as the KPI text names them («не менее 3 занятий» → 3 занятий)."""
        from roadmap.kpi import parse_target

        target = parse_target(self.kpi)
        self.kpi_target, self.kpi_unit = (target.value, target.unit) if target else (None, "")

    def apply_deadline(self, deadline: Deadline) -> None:
        self.deadline_text = deadline.text[:300]
        self.start, self.end = deadline.start, deadline.end
        self.due = deadline.end
        self.recurrence, self.on_demand, self.deadline_parsed = (
            deadline.recurrence,
            deadline.on_demand,
            deadline.parsed,
        )


class OccurrenceQuerySet(ScopedQuerySet):
    scope_through = "activity__stage__roadmap"


class Occurrence(models.Model):
    """One due window of a recurring activity («1 раз в четверть», «ежемесячно», «май,
    сентябрь»), with its own status and evidence."""

    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        DONE = "done", "выполнено"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateField("начало")
    end = models.DateField("срок")
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.PLANNED)
    completed_on = models.DateField("дата выполнения", null=True, blank=True)
    evidence_link = models.URLField("ссылка", max_length=500, blank=True)
    evidence_note = models.TextField("примечание / протокол", blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = "срок повторяющегося мероприятия"
        verbose_name_plural = "сроки повторяющихся мероприятий"
        ordering = ["activity", "end"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "end"], name="occurrence_unique_end"),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="occurrence_window_ordered"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False), name="occurrence_done_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} — до {self.end:%d.%m.%Y}"

    def get_organization_id(self) -> int:
        return self.activity.stage.roadmap.organization_id

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status == self.Status.PLANNED and self.end < (today or timezone.localdate())


class EvidenceSuggestionQuerySet(ScopedQuerySet):
    scope_through = "activity__stage__roadmap"

    def pending(self) -> EvidenceSuggestionQuerySet:
        """Offered and not yet decided, for an activity still open."""
        return self.filter(
            status=EvidenceSuggestion.Status.PENDING,
            activity__status__in=[Activity.Status.PLANNED, Activity.Status.IN_PROGRESS],
        )


class EvidenceSuggestion(models.Model):
    """Something the application did (a signed order, a held event, a closed survey…) that an
    open activity seems to expect. The curator accepts it as the activity's evidence or declines
    it; nothing is completed without that decision. The object is referred to generically so that
    the roadmap needs no knowledge of the sections that produce it."""

    class Status(models.TextChoices):
        PENDING = "pending", "предложено"
        ACCEPTED = "accepted", "засчитано"
        DECLINED = "declined", "отклонено"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="suggestions")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    label = models.CharField("что сделано", max_length=500)
    url = models.CharField("ссылка на документ", max_length=300, blank=True)
    happened_on = models.DateField("дата")
    status = models.CharField("решение", max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceSuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = "предложенное подтверждение"
        verbose_name_plural = "предложенные подтверждения"
        ordering = ["happened_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "content_type", "object_id"], name="evidence_suggestion_once_per_object"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def get_organization_id(self) -> int:
        return self.activity.stage.roadmap.organization_id


class CalendarToken(models.Model):
    """The secret in a person's private iCalendar URL; regenerating it revokes the old link."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="roadmap_calendar_token")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ссылка на календарь"
        verbose_name_plural = "ссылки на календари"

    def __str__(self) -> str:
        return f"календарь {self.person}"
