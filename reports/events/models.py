"""Events («мероприятия») of an organization: who is invited, who came, the materials and the
protocol («протокол») numbered in the register per kind and academic year."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Replace, Upper
from django.urls import reverse
from django.utils import timezone

from mentoring.lib import academic_year as years
from mentoring.lib.queries import count_of
from mentoring.lib.scoping import ScopedQuerySet
from people import roles
from people.models import LegalRepresentative, Organization, Person


def class_key(expression: str = "school_class"):
    """A person's class as the events store an invited one: «5 а» → «5А» (see `parse_classes`)."""
    return Upper(Replace(expression, Value(" "), Value("")))


class EventQuerySet(ScopedQuerySet):
    """Staff readers see the organization's events, managers run them; an invited participant
    sees the events they are invited to, in the schools where they take part."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def own(self, user) -> Q:
        from people.access import organizations_with_role

        member_orgs = organizations_with_role(user, *roles.PARTICIPANTS)
        invited = EventParticipant.objects.filter(person__user=user).values("event_id")
        # A student invited with their whole class sees the event too (not a parents' meeting:
        # there the class stands for its parents).
        students = Person.objects.alias(class_key=class_key()).filter(
            user=user,
            kind=Person.Kind.STUDENT,
            organization=OuterRef("event__organization"),
            class_key=OuterRef("school_class"),
        )
        by_class = (
            EventClass.objects.filter(Exists(students))
            .exclude(event__kind=Event.Kind.PARENTS_MEETING)
            .values("event_id")
        )
        # A parent sees the parents' meeting of their child's class.
        children = Person.objects.alias(class_key=class_key()).filter(
            representatives__user=user,
            kind=Person.Kind.STUDENT,
            organization=OuterRef("event__organization"),
            class_key=OuterRef("school_class"),
        )
        parents_meetings = EventClass.objects.filter(
            Exists(children), event__kind=Event.Kind.PARENTS_MEETING
        ).values("event_id")
        return (
            Q(id__in=invited, organization__in=member_orgs)
            | Q(id__in=by_class, organization__in=member_orgs)
            | Q(id__in=parents_meetings, organization__in=organizations_with_role(user, roles.REPRESENTATIVE))
        )

    def of_person(self, person: Person) -> EventQuerySet:
        """The events of a person's calendar: invited by name (also as a member of an invited pair
        or training group), invited with their class, or organized by them."""
        mine = Q(participants__person=person) | Q(organizer=person)
        key = (person.school_class or "").replace(" ", "").upper()
        if person.kind == Person.Kind.STUDENT and key:
            mine |= Q(
                Q(organization_id=person.organization_id, classes__school_class=key)
                & ~Q(kind=Event.Kind.PARENTS_MEETING)
            )
        return self.filter(id__in=Event.objects.filter(mine).values("id"))

    def for_list(self) -> EventQuerySet:
        return self.select_related("organizer", "protocol").with_attendance().order_by("-starts_at", "-pk")

    def with_attendance(self) -> EventQuerySet:
        """Who was invited and who came, as every page counts it: the people invited by name
        (`named_*`) plus the students of the classes invited as a whole (`class_*`, counted per
        class); `invited_count` and `present_count` are the sums. Correlated subqueries, so that
        the two kinds do not multiply each other's rows."""
        participants = EventParticipant.objects.filter(event=OuterRef("pk"))
        classes = EventClass.objects.filter(event=OuterRef("pk")).order_by().values("event")
        return self.annotate(
            named_invited=count_of(participants),
            named_present=count_of(participants.filter(present=True)),
            class_enrolled=Coalesce(Subquery(classes.annotate(n=Sum("enrolled")).values("n")), 0),
            class_present=Coalesce(Subquery(classes.annotate(n=Sum("present")).values("n")), 0),
        ).annotate(
            invited_count=F("named_invited") + F("class_enrolled"),
            present_count=F("named_present") + F("class_present"),
        )

    def of_academic_year(self, start_year: int) -> EventQuerySet:
        first, last = years.bounds(start_year)
        return self.filter(starts_at__date__gte=first, starts_at__date__lte=last)


class Event(models.Model):
    class Kind(models.TextChoices):
        TEACHERS_COUNCIL = "teachers_council", "Педагогический совет"
        METHODICAL_COUNCIL = "methodical_council", "Методический совет"
        PARENTS_MEETING = "parents_meeting", "Родительское собрание"
        CLASS_HOUR = "class_hour", "Классный час"
        MENTOR_TRAINING = "mentor_training", "Обучение наставников"
        KICKOFF = "kickoff", "Установочная сессия"
        ROUND_TABLE = "round_table", "Круглый стол"
        CONFERENCE = "conference", "Конференция / семинар"
        CONTEST = "contest", "Конкурс"
        GENERAL_MEETING = "general_meeting", "Общая встреча участников"
        OTHER = "other", "Другое"

    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        HELD = "held", "проведено"
        CANCELLED = "cancelled", "отменено"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="events", verbose_name="организация"
    )
    kind = models.CharField("вид мероприятия", max_length=20, choices=Kind.choices)
    title = models.CharField("тема", max_length=300)
    starts_at = models.DateTimeField("дата и время")
    place = models.CharField("место проведения", max_length=200, blank=True)
    organizer = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="organized_events", verbose_name="организатор"
    )
    pairs = models.ManyToManyField(
        "pairs.Pair", blank=True, related_name="invited_to_events", verbose_name="приглашённые пары и группы"
    )
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.PLANNED)
    training_group = models.ForeignKey(
        "TrainingGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name="группа обучения наставников",
    )
    cancel_reason = models.CharField("причина отмены", max_length=300, blank=True)
    duration_minutes = models.PositiveSmallIntegerField("продолжительность, минут", default=90)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["organization", "-starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="cancelled") | Q(cancel_reason=""), name="event_reason_only_when_cancelled"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} «{self.title}», {timezone.localtime(self.starts_at):%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.uuid])

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_upcoming(self) -> bool:
        return self.status == self.Status.PLANNED and self.starts_at > timezone.now()

    def invited_user_ids(self) -> set[int]:
        """The accounts of everyone invited: by name (people, members of pairs and of the training
        group), the students of the invited classes — and for a parents' meeting their parents."""
        ids = set(
            self.participants.filter(person__user__isnull=False).values_list("person__user_id", flat=True)
        )
        classes = list(self.classes.values_list("school_class", flat=True))
        if classes:
            students = (
                Person.objects.filter(
                    organization_id=self.organization_id, kind=Person.Kind.STUDENT, anonymized_at__isnull=True
                )
                .alias(class_key=class_key())
                .filter(class_key__in=classes)
            )
            if self.kind == self.Kind.PARENTS_MEETING:
                users = LegalRepresentative.objects.filter(
                    student__in=students.values("id"), user__isnull=False
                )
            else:
                users = students.filter(user__isnull=False)
            ids |= set(users.values_list("user_id", flat=True))
        return ids

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def academic_year_label(self) -> str:
        return years.label(years.start_year_of(timezone.localtime(self.starts_at).date()))

    def present_people(self):
        return [p.person for p in self.participants.select_related("person") if p.present]


class EventParticipant(models.Model):
    """An invited person and, once the event is held, whether they came."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="event_invitations")
    present = models.BooleanField("присутствовал", null=True)

    class Meta:
        verbose_name = "участник мероприятия"
        verbose_name_plural = "участники мероприятия"
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="event_participant_unique")]

    def __str__(self) -> str:
        return f"{self.person} — {self.event_id}"


class EventClass(models.Model):
    """A class invited as a whole: its attendance is counted, not marked per student."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="classes")
    school_class = models.CharField("класс", max_length=20)
    enrolled = models.PositiveSmallIntegerField("обучающихся в классе")
    present = models.PositiveSmallIntegerField("присутствовало", null=True, blank=True)

    class Meta:
        verbose_name = "класс на мероприятии"
        verbose_name_plural = "классы на мероприятии"
        ordering = ["school_class"]
        constraints = [
            models.UniqueConstraint(fields=["event", "school_class"], name="event_class_unique"),
            models.CheckConstraint(
                condition=Q(present__isnull=True) | Q(present__lte=models.F("enrolled")),
                name="event_class_present_within_enrolled",
            ),
        ]

    def __str__(self) -> str:
        return self.school_class


def _material_path(material: EventMaterial, filename: str) -> str:
    return (
        f"events/{material.event.organization_id}/{material.event.uuid}/{uuid.uuid4()}.{material.file_type}"
    )


class EventMaterial(models.Model):
    """A file of the event (presentation, programme, photos), served after the rights check."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField("название", max_length=200)
    file = models.FileField("файл", upload_to=_material_path)
    file_type = models.CharField("тип файла", max_length=10)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "материал мероприятия"
        verbose_name_plural = "материалы мероприятия"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class ProtocolQuerySet(ScopedQuerySet):
    """The register of protocols: read by the staff readers, kept by the managers."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def for_list(self) -> ProtocolQuerySet:
        return self.select_related("event", "chair", "secretary").order_by("-date", "-sequence")

    def council_register(self, organization) -> ProtocolQuerySet:
        """The organization's pedagogical council protocols, newest first: what the roadmap's
        and the Положение's «ПРИНЯТО на заседании педагогического совета» may cite."""
        return (
            self.filter(organization=organization, kind=Event.Kind.TEACHERS_COUNCIL)
            .select_related("event")
            .order_by("-date", "-sequence")
        )


class Protocol(models.Model):
    """ПРОТОКОЛ of a held event: numbered per organization, kind and academic year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="protocol")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="protocols")
    kind = models.CharField("вид мероприятия", max_length=20, choices=Event.Kind.choices)
    # The academic year's first calendar year: schools number council protocols from September.
    year = models.PositiveSmallIntegerField("учебный год нумерации")
    sequence = models.PositiveIntegerField("номер")
    date = models.DateField("дата протокола")
    chair = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="chaired_protocols", verbose_name="председатель"
    )
    secretary = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="recorded_protocols", verbose_name="секретарь"
    )
    agenda = models.JSONField(
        "повестка", default=list, help_text="[{title, heard, spoke, decided}, …] — по пункту повестки"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProtocolQuerySet.as_manager()

    class Meta:
        verbose_name = "протокол"
        verbose_name_plural = "протоколы"
        ordering = ["-date", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "year", "sequence"], name="protocol_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Протокол от {self.date:%d.%m.%Y} № {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("events:protocol_detail", args=[self.uuid])

    @property
    def number(self) -> str:
        return str(self.sequence)

    @property
    def year_label(self) -> str:
        """«2025/2026»: the numbering starts again each academic year, so a number needs it."""
        return years.label(self.year)

    @property
    def label(self) -> str:
        return f"{self.event.title} — протокол от {self.date:%d.%m.%Y} № {self.number}"


class TrainingGroupQuerySet(ScopedQuerySet):
    """Staff readers see the organization's groups, managers run them; a mentor sees the groups
    they are in, in the schools where they are a mentor."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def own(self, user) -> Q:
        from people.access import organizations_with_role

        member_orgs = organizations_with_role(user, roles.MENTOR)
        mine = TrainingGroup.mentors.through.objects.filter(mentor__person__user=user).values(
            "traininggroup_id"
        )
        return Q(id__in=mine, organization__in=member_orgs)

    def for_list(self) -> TrainingGroupQuerySet:
        return (
            self.select_related("academic_year")
            .annotate(
                mentor_count=models.Count("mentors", distinct=True),
                held_count=models.Count("sessions", filter=Q(sessions__status="held"), distinct=True),
                planned_count=models.Count("sessions", filter=Q(sessions__status="planned"), distinct=True),
            )
            .order_by("-academic_year__start_year", "title", "pk")
        )


class TrainingGroup(models.Model):
    """A group of mentors trained together: a programme of sessions (events of the kind
    «обучение наставников»), attendance at them, and completion — a mentor who attended at least
    `required_sessions` of them is trained."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="training_groups")
    academic_year = models.ForeignKey(
        "people.AcademicYear", on_delete=models.PROTECT, related_name="+", verbose_name="учебный год"
    )
    title = models.CharField("название группы", max_length=300)
    mentors = models.ManyToManyField(
        "people.Mentor", related_name="training_groups", verbose_name="наставники"
    )
    required_sessions = models.PositiveSmallIntegerField("занятий для завершения обучения", default=3)
    hours_per_session = models.DecimalField("часов в занятии", max_digits=4, decimal_places=1, default=2)
    completed_on = models.DateField("обучение завершено", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "группа обучения наставников"
        verbose_name_plural = "группы обучения наставников"
        ordering = ["-academic_year__start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(required_sessions__gte=1), name="training_group_needs_a_session"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_session__gt=0), name="training_group_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:training_group_detail", args=[self.uuid])

    def attendance(self) -> dict[int, int]:
        """Mentor person id → sessions held at which they were present."""
        rows = (
            EventParticipant.objects.filter(
                event__training_group=self, event__status=Event.Status.HELD, present=True
            )
            .values("person_id")
            .annotate(n=models.Count("event", distinct=True))
        )
        return {row["person_id"]: row["n"] for row in rows}
