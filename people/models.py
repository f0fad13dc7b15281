"""Organizations, academic years, people, accounts and roles."""

from __future__ import annotations

import uuid
from datetime import date

import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Organization(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", "Общеобразовательная организация"
        PRESCHOOL = "preschool", "Дошкольная образовательная организация"
        ADDITIONAL = "additional", "Организация дополнительного образования"
        COLLEGE = "college", "Профессиональная образовательная организация"

    slug = models.SlugField("код", max_length=60, unique=True)
    full_name = models.CharField("полное наименование (по уставу)", max_length=500)
    short_name = models.CharField("сокращённое наименование", max_length=200)
    kind = models.CharField("тип", max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    city = models.CharField("населённый пункт", max_length=120)
    address = models.CharField("адрес", max_length=300, blank=True)
    phone = models.CharField("телефон", max_length=40, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField("сайт", blank=True)
    inn = models.CharField("ИНН", max_length=12, blank=True)
    director_name = models.CharField("ФИО руководителя", max_length=200)
    director_position = models.CharField("должность руководителя", max_length=200, default="Директор")
    order_suffix = models.CharField(
        "суффикс номера приказа", max_length=20, blank=True, default="-од", help_text="Например, «-од»: 41-од"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "образовательная организация"
        verbose_name_plural = "образовательные организации"
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def director_signature_name(self) -> str:
        """«С.В. Прохорова» from «Прохорова Светлана Викторовна», as signatures are written."""
        parts = self.director_name.split()
        if len(parts) < 2:
            return self.director_name
        initials = "".join(f"{p[0]}." for p in parts[1:3])
        return f"{initials} {parts[0]}"


class AcademicYearQuerySet(models.QuerySet):
    def for_date(self, day: date) -> AcademicYear:
        start_year = day.year if day.month >= 9 else day.year - 1
        year, _ = self.get_or_create(start_year=start_year)
        return year

    def current(self) -> AcademicYear:
        return self.for_date(timezone.localdate())


class AcademicYear(models.Model):
    """Учебный год: 1 September of `start_year` to 31 August of the next year."""

    start_year = models.PositiveSmallIntegerField("год начала", unique=True)

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        verbose_name = "учебный год"
        verbose_name_plural = "учебные годы"
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__gte=2000) & Q(start_year__lte=2100), name="academic_year_sane"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    @property
    def starts_on(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year + 1, 8, 31)

    @classmethod
    def parse_label(cls, label: str) -> int:
        """'2024/2025' → 2024; raises ValueError on anything else."""
        first, _, second = label.strip().partition("/")
        start, end = int(first), int(second)
        if end != start + 1:
            raise ValueError(f"«{label}» — не учебный год (ожидается, например, 2024/2025)")
        return start


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        """People of the organizations where the user may read the registry; mentors and
        mentees see themselves (and later issues widen this to their own pairs)."""
        from people.access import organizations_with_role

        if not user.is_authenticated:
            return self.none()
        if user.is_global_admin:
            return self
        orgs = organizations_with_role(user, Membership.Role.DIRECTOR, Membership.Role.CURATOR)
        return self.filter(Q(organization__in=orgs) | Q(user=user))

    def staff(self) -> PersonQuerySet:
        return self.filter(kind=Person.Kind.STAFF)

    def students(self) -> PersonQuerySet:
        return self.filter(kind=Person.Kind.STUDENT)

    def for_list(self) -> PersonQuerySet:
        return self.select_related("organization")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["updated_at"],
    model_name="PersonEvent",
)
class Person(models.Model):
    class Kind(models.TextChoices):
        STAFF = "staff", "Педагог / сотрудник"
        STUDENT = "student", "Обучающийся"
        EXTERNAL = "external", "Внешний участник"

    class Gender(models.TextChoices):
        MALE = "m", "мужской"
        FEMALE = "f", "женский"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="people", verbose_name="организация"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name="учётная запись",
    )
    kind = models.CharField("категория", max_length=10, choices=Kind.choices, default=Kind.STAFF)
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    gender = models.CharField("пол", max_length=1, choices=Gender.choices)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    position = models.CharField("должность", max_length=200, blank=True)
    subjects = models.CharField("предметы", max_length=300, blank=True)
    school_class = models.CharField("класс / группа", max_length=20, blank=True)
    experience_years = models.PositiveSmallIntegerField("педагогический стаж, лет", null=True, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=40, blank=True)
    anonymized_at = models.DateTimeField("обезличен", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "участник"
        verbose_name_plural = "участники"
        ordering = ["last_name", "first_name", "middle_name"]
        indexes = [
            models.Index(fields=["organization", "kind", "last_name"]),
            models.Index(fields=["organization", "school_class"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(experience_years__isnull=True) | Q(experience_years__lte=70),
                name="person_experience_sane",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("people:person_detail", args=[self.uuid])

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        """«Иванова М.П.»"""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()

    def age_on(self, day: date) -> int | None:
        if not self.birth_date:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class UserQuerySet(UserManager):
    pass


class User(AbstractUser):
    """An account. What it may do comes from its memberships, never from Django's staff flags."""

    email = models.EmailField("электронная почта", blank=True)

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"

    @property
    def is_global_admin(self) -> bool:
        from people.access import has_global_admin

        return has_global_admin(self)

    def display_name(self) -> str:
        full = self.get_full_name()
        return full or self.username


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "Администратор"
        DIRECTOR = "director", "Руководитель"
        CURATOR = "curator", "Куратор"
        MENTOR = "mentor", "Наставник"
        MENTEE = "mentee", "Наставляемый"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="Пусто только для администратора всей системы",
    )
    role = models.CharField("роль", max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(organization__isnull=True), name="membership_one_global_admin"
            ),
            # The system administrator is the only role that is not tied to an organization.
            models.CheckConstraint(
                condition=Q(role="admin", organization__isnull=True)
                | (~Q(role="admin") & Q(organization__isnull=False)),
                name="membership_admin_is_global",
            ),
        ]

    def __str__(self) -> str:
        where = self.organization.short_name if self.organization_id else "все организации"
        return f"{self.user} — {self.get_role_display()} ({where})"


class AccessLog(models.Model):
    """Who opened whose card: reading personal data is recorded as well as changing it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now, db_index=True)
    path = models.CharField(max_length=300)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "просмотр карточки"
        verbose_name_plural = "журнал просмотров карточек"
        ordering = ["-viewed_at"]
        indexes = [models.Index(fields=["person", "-viewed_at"])]

    def __str__(self) -> str:
        return f"{self.viewed_at:%d.%m.%Y %H:%M} {self.user} → {self.person}"


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    model_name="LegalRepresentativeEvent",
)
class LegalRepresentative(models.Model):
    """Законный представитель обучающегося: signs consents for minors."""

    class Relation(models.TextChoices):
        MOTHER = "mother", "мать"
        FATHER = "father", "отец"
        GUARDIAN = "guardian", "опекун"
        TRUSTEE = "trustee", "попечитель"
        OTHER = "other", "иной законный представитель"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="representatives", verbose_name="обучающийся"
    )
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    relation = models.CharField("кем приходится", max_length=10, choices=Relation.choices)
    phone = models.CharField("телефон", max_length=40, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    address = models.CharField("адрес", max_length=300, blank=True)

    class Meta:
        verbose_name = "законный представитель"
        verbose_name_plural = "законные представители"
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)
