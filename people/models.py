"""Organizations, academic years, people, accounts and roles."""

from __future__ import annotations

import uuid
from datetime import date

import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from mentoring.lib import academic_year as years
from mentoring.lib.declension import Case
from mentoring.lib.scoping import ScopedQuerySet
from people import roles


class Municipality(models.Model):
    """Муниципалитет: the organizations a муниципальный координатор reads (statistics, monitoring,
    roadmap progress, orders register)."""

    name = models.CharField("наименование", max_length=300, unique=True)
    short_name = models.CharField("краткое наименование", max_length=120)
    oktmo = models.CharField(
        "код ОКТМО",
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^(\d{8}|\d{11})$", "Код ОКТМО — 8 или 11 цифр.")],
    )

    class Meta:
        verbose_name = "муниципалитет"
        verbose_name_plural = "муниципалитеты"
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


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
    # The name as documents put it in a sentence («согласие оператору — муниципальному …»):
    # prefilled by the morphology library, corrected by the curator where it errs.
    name_genitive = models.CharField(
        "полное наименование в родительном падеже (кого? чего?)",
        max_length=500,
        blank=True,
        help_text="Например: «муниципального бюджетного общеобразовательного учреждения …»",
    )
    name_dative = models.CharField(
        "полное наименование в дательном падеже (кому? чему?)",
        max_length=500,
        blank=True,
        help_text="Например: «муниципальному бюджетному общеобразовательному учреждению …»",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "образовательная организация"
        verbose_name_plural = "образовательные организации"
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    def save(self, *args, **kwargs) -> None:
        self.fill_name_forms()
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_full_name = instance.__dict__.get("full_name")
        return instance

    def fill_name_forms(self) -> None:
        """The declined names the curator left empty, from the library; a renamed organization
        gets new ones unless they were corrected by hand."""
        stored = getattr(self, "_stored_full_name", None)
        if stored and stored != self.full_name:
            old = Organization(full_name=stored)
            if self.name_genitive == old.declined_name(Case.GENITIVE):
                self.name_genitive = ""
            if self.name_dative == old.declined_name(Case.DATIVE):
                self.name_dative = ""
        if not self.name_genitive:
            self.name_genitive = self.declined_name(Case.GENITIVE)
        if not self.name_dative:
            self.name_dative = self.declined_name(Case.DATIVE)

    @property
    def full_name_genitive(self) -> str:
        return self.name_genitive or self.declined_name(Case.GENITIVE)

    @property
    def full_name_dative(self) -> str:
        return self.name_dative or self.declined_name(Case.DATIVE)

    def declined_name(self, case: Case) -> str:
        from mentoring.lib.grammar import inflect_phrase

        return inflect_phrase(self.full_name, case, lower_first=True)

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
        year, _ = self.get_or_create(start_year=AcademicYear.start_year_of(day))
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

    @staticmethod
    def start_year_of(day: date) -> int:
        """The academic year a day falls in, by its first calendar year (no query)."""
        return years.start_year_of(day)

    @property
    def label(self) -> str:
        return years.label(self.start_year)

    @property
    def starts_on(self) -> date:
        return years.first_day(self.start_year)

    @property
    def ends_on(self) -> date:
        return years.last_day(self.start_year)

    @classmethod
    def parse_label(cls, label: str) -> int:
        """'2024/2025' → 2024; raises ValueError on anything else."""
        return years.parse_label(label)


# Where a participant stands with their login. An invitation creates the account with an
# unusable password ("!…"); setting the password through the invitation makes it active.
ACCOUNT_NONE, ACCOUNT_INVITED, ACCOUNT_ACTIVE = "none", "invited", "active"
ACCOUNT_STATES = [
    (ACCOUNT_NONE, "не приглашён"),
    (ACCOUNT_INVITED, "приглашён"),
    (ACCOUNT_ACTIVE, "активен"),
]


def account_state_of(prefix: str) -> models.Case:
    """The account state of the person at `prefix` (\"\" for a Person, \"person__\" for a bank entry)."""
    return models.Case(
        models.When(**{f"{prefix}user__isnull": True}, then=models.Value(ACCOUNT_NONE)),
        models.When(**{f"{prefix}user__is_active": False}, then=models.Value(ACCOUNT_NONE)),
        models.When(**{f"{prefix}user__password__startswith": "!"}, then=models.Value(ACCOUNT_INVITED)),
        default=models.Value(ACCOUNT_ACTIVE),
        output_field=models.CharField(),
    )


class PersonQuerySet(ScopedQuerySet):
    """The registry is read by the staff readers and changed by the managers of the organization;
    everyone sees their own cards, a mentor the mentees the visibility hooks grant."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def own(self, user) -> Q:
        from people.access import extra_visible_people, organizations_with_role

        condition = Q(user=user)
        # Hooks (the pairs app) grant a mentor their mentees, only in schools where they mentor.
        mentor_orgs = organizations_with_role(user, roles.MENTOR)
        for extra in extra_visible_people(user):
            condition |= Q(pk__in=extra.values("pk"), organization__in=mentor_orgs)
        return condition

    def not_anonymized(self) -> PersonQuerySet:
        """People whose data is still there: an anonymized card keeps only its history."""
        return self.filter(anonymized_at__isnull=True)

    def staff(self) -> PersonQuerySet:
        return self.filter(kind=Person.Kind.STAFF)

    def students(self) -> PersonQuerySet:
        return self.filter(kind=Person.Kind.STUDENT)

    def curators_of(self, organization) -> PersonQuerySet:
        """The people of the organization whose account holds its curator role, by name: who
        signs the programme's documents as «Куратор»."""
        return self.filter(
            organization=organization,
            user__memberships__organization=organization,
            user__memberships__role=roles.CURATOR,
        ).order_by("last_name", "first_name", "middle_name", "pk")

    def for_list(self) -> PersonQuerySet:
        return self.select_related("organization").with_consent_state().with_account_state()

    def with_account_state(self) -> PersonQuerySet:
        """Annotate `account_state`: one of `ACCOUNT_STATES` (no account, invited, active)."""
        return self.annotate(account_state=account_state_of(""))

    def with_consent_state(self) -> PersonQuerySet:
        """Annotate `consent_valid`: a processing consent in force today."""
        valid = Consent.objects.processing().valid().filter(person=models.OuterRef("pk"))
        return self.annotate(consent_valid=models.Exists(valid))


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
        return self.short_name_of(self.last_name, self.first_name, self.middle_name)

    @property
    def place(self) -> str:
        """A student's class, a staff member's position: where a bank's table places them."""
        return self.school_class if self.kind == self.Kind.STUDENT else self.position

    @property
    def signature_name(self) -> str:
        """«М.П. Иванова»: initials before the surname, as under a signature or on a stamp."""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{initials} {self.last_name}".strip()

    @staticmethod
    def short_name_of(last_name: str, first_name: str, middle_name: str) -> str:
        """The short name from the three parts, for rows loaded as plain values."""
        initials = "".join(f"{p[0]}." for p in (first_name, middle_name) if p)
        return f"{last_name} {initials}".strip()

    def age_on(self, day: date) -> int | None:
        if not self.birth_date:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


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
        # The municipal level (issue 21): bound to a municipality, not to an organization.
        COORDINATOR = "coordinator", "Муниципальный координатор"
        # законный представитель (issue 19)
        REPRESENTATIVE = "representative", "Законный представитель"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="Пусто для администратора всей системы и для муниципального координатора",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name="муниципалитет",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="Только для муниципального координатора",
    )
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(role="admin"), name="membership_one_global_admin"
            ),
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=Q(municipality__isnull=False),
                name="membership_unique_municipality",
            ),
            # The system administrator is tied to nothing, the municipal coordinator to a
            # municipality, every other role to an organization.
            models.CheckConstraint(
                condition=Q(role="admin", organization__isnull=True, municipality__isnull=True)
                | Q(role="coordinator", organization__isnull=True, municipality__isnull=False)
                | (
                    ~Q(role__in=["admin", "coordinator"])
                    & Q(organization__isnull=False, municipality__isnull=True)
                ),
                name="membership_binding",
            ),
        ]

    def __str__(self) -> str:
        if self.organization_id:
            where = self.organization.short_name
        elif self.municipality_id:
            where = self.municipality.short_name
        else:
            where = "все организации"
        return f"{self.user} — {self.get_role_display()} ({where})"

    def clean(self) -> None:
        """The binding the database checks (`membership_binding`), said in words for the admin's form."""
        errors = {}
        if self.role == roles.ADMIN:
            if self.organization_id:
                errors["organization"] = (
                    "Администратор системы не привязан к организации: оставьте поле пустым."
                )
            if self.municipality_id:
                errors["municipality"] = (
                    "Администратор системы не привязан к муниципалитету: оставьте поле пустым."
                )
        elif self.role == roles.COORDINATOR:
            if not self.municipality_id:
                errors["municipality"] = "Укажите муниципалитет муниципального координатора."
            if self.organization_id:
                errors["organization"] = (
                    "Муниципальный координатор привязан к муниципалитету, а не к организации."
                )
        else:
            if not self.organization_id:
                errors["organization"] = "Укажите организацию, в которой действует роль."
            if self.municipality_id:
                errors["municipality"] = "Муниципалитет указывается только для муниципального координатора."
        if errors:
            raise ValidationError(errors)


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


# --- законный представитель (issue 19) ---
def represented_students(user) -> PersonQuerySet:
    """The children whose records `user` sees as their законный представитель: in the schools
    where the user holds the role, while the child takes part in the programme (a bank entry not
    removed), their data are not anonymized and a processing consent is in force. Access ends the
    moment any of these stops holding."""
    from people.access import organizations_with_role

    if not user.is_authenticated:
        return Person.objects.none()
    return Person.objects.filter(
        representatives__user=user,
        organization__in=organizations_with_role(user, roles.REPRESENTATIVE),
        kind=Person.Kind.STUDENT,
        anonymized_at__isnull=True,
        mentee__isnull=False,
        id__in=Consent.objects.processing().valid().values("person_id"),
    ).exclude(mentee__status="removed")


# --- end законный представитель ---


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
    # Letters address a representative by gender («Уважаемая Галина Петровна!»); left empty, it is
    # taken from the relation or the patronymic when saved.
    gender = models.CharField("пол", max_length=1, choices=Person.Gender.choices, blank=True)
    phone = models.CharField("телефон", max_length=40, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    address = models.CharField("адрес", max_length=300, blank=True)
    # The parent's login: they see the child's pairs, programme and meetings and answer surveys.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="represented",
        verbose_name="учётная запись",
    )

    class Meta:
        verbose_name = "законный представитель"
        verbose_name_plural = "законные представители"
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        if not self.gender:
            self.gender = self.inferred_gender(self.relation, self.middle_name)
        super().save(*args, **kwargs)

    @staticmethod
    def inferred_gender(relation: str, middle_name: str) -> str:
        """«f» for a mother or a patronymic in -вна/-чна/-кызы, «m» for a father or -вич/-ич/-оглы."""
        if relation == LegalRepresentative.Relation.MOTHER:
            return "f"
        if relation == LegalRepresentative.Relation.FATHER:
            return "m"
        patronymic = (middle_name or "").lower()
        if patronymic.endswith(("вна", "чна", "кызы")):
            return "f"
        if patronymic.endswith(("ич", "оглы")):
            return "m"
        return ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class MentoringForm(models.Model):
    """Форма наставничества: «учитель – учитель», «ученик – ученик»… A reference list the admin edits."""

    name = models.CharField("название", max_length=100, unique=True)
    mentor_kind = models.CharField("кто наставник", max_length=10, choices=Person.Kind.choices)
    mentee_kind = models.CharField("кто наставляемый", max_length=10, choices=Person.Kind.choices)
    description = models.TextField("описание", blank=True)
    is_active = models.BooleanField("используется", default=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class MentoringType(models.Model):
    """Вид наставничества: традиционное, групповое, реверсивное, виртуальное…"""

    name = models.CharField("название", max_length=100, unique=True)
    description = models.TextField("описание", blank=True)
    is_group = models.BooleanField("групповой вид", default=False)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "вид наставничества"
        verbose_name_plural = "виды наставничества"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Competency(models.Model):
    """A topic a mentor can share and a mentee can ask for: the common vocabulary of matching.

    Mentors' «ресурсы наставника» and mentees' «профессиональные запросы / дефициты» are lists of
    these, so that requests can be compared with competencies.
    """

    name = models.CharField("название", max_length=150, unique=True)
    for_students = models.BooleanField("для обучающихся", default=False)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "компетенция / запрос"
        verbose_name_plural = "компетенции и запросы"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ConsentQuerySet(ScopedQuerySet):
    scope_through = "person"

    def valid(self, on: date | None = None) -> ConsentQuerySet:
        on = on or timezone.localdate()
        return self.filter(withdrawn_on__isnull=True, signed_on__lte=on).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )

    def processing(self) -> ConsentQuerySet:
        return self.filter(kind=Consent.Kind.PROCESSING)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    model_name="ConsentEvent",
)
class Consent(models.Model):
    """Согласие на обработку персональных данных (152-ФЗ ст. 9) или на распространение (ст. 10.1)."""

    class Kind(models.TextChoices):
        PROCESSING = "processing", "на обработку персональных данных"
        DISSEMINATION = "dissemination", "на распространение персональных данных"

    class Signer(models.TextChoices):
        SELF = "self", "субъект персональных данных"
        REPRESENTATIVE = "representative", "законный представитель"

    class Status(models.TextChoices):
        VALID = "valid", "действует"
        WITHDRAWN = "withdrawn", "отозвано"
        EXPIRED = "expired", "истекло"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="consents", verbose_name="субъект"
    )
    kind = models.CharField("вид согласия", max_length=15, choices=Kind.choices, default=Kind.PROCESSING)
    signer = models.CharField("кто подписал", max_length=15, choices=Signer.choices, default=Signer.SELF)
    representative = models.ForeignKey(
        LegalRepresentative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name="законный представитель",
    )
    signed_on = models.DateField("дата подписания")
    purposes = models.TextField("цели обработки")
    data_list = models.TextField("перечень персональных данных")
    actions = models.TextField("действия с персональными данными")
    valid_until = models.DateField("действует до", null=True, blank=True)
    withdrawal_procedure = models.TextField("порядок отзыва", blank=True)
    scan = models.FileField("скан-копия", upload_to="consents/%Y/", blank=True)
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "согласие на обработку персональных данных"
        verbose_name_plural = "согласия на обработку персональных данных"
        ordering = ["-signed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signer="self") | Q(representative__isnull=False),
                name="consent_representative_signs_for_representative",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("signed_on")),
                name="consent_withdrawn_after_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person} от {self.signed_on:%d.%m.%Y}"

    def status_on(self, day: date | None = None) -> str:
        day = day or timezone.localdate()
        if self.withdrawn_on:
            return self.Status.WITHDRAWN
        if self.valid_until and self.valid_until < day:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return self.Status(self.status).label


# What a bank's table shows of the person: the name, the link to the card, the class or position.
TABLE_PERSON_FIELDS = ("uuid", "kind", "last_name", "first_name", "middle_name", "school_class", "position")


def _names(queryset: models.QuerySet) -> ArraySubquery:
    """The names of a correlated reference list, in its usual order, as one array column."""
    return ArraySubquery(queryset.order_by("position", "name").values("name"))


class BankQuerySet(ScopedQuerySet):
    """The banks are the staff readers' and the managers'; an entry is also seen with its person
    (one's own entry, a mentor's mentees)."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def own(self, user) -> Q:
        return Q(person__in=Person.objects.visible_to(user))

    def for_table(self):
        """What a bank's table shows: the person, the consent state, and the names of competencies
        or requests and of forms as arrays in the same query (no prefetch, no instance per name)."""
        valid = Consent.objects.processing().valid().filter(person=models.OuterRef("person"))
        # A page is 25 rows: the consent is looked up for each (an index probe on the person). As
        # EXISTS, the planner may instead hash every valid consent of the installation on every
        # page (it did with the 1,300 consents of the QUICK benchmark: 0.3-0.5 ms of the
        # database's CPU a page). for_list() reads whole banks, where hashing pays: it keeps EXISTS.
        found = models.Subquery(
            valid.order_by().values(found=models.Value(True))[:1], output_field=models.BooleanField()
        )
        queryset = self.annotate(
            consent_valid=Coalesce(found, models.Value(False)), account_state=account_state_of("person__")
        )
        # Only the columns the table shows: the questionnaire (JSON), the free texts and the
        # timestamps of both rows were read and converted for every row and never displayed.
        person = [f"person__{name}" for name in TABLE_PERSON_FIELDS]
        if self.model is Mentor:
            return (
                queryset.select_related("person")
                .only("person", "status", "capacity", *person)
                .annotate(
                    competency_names=_names(Competency.objects.filter(mentors=models.OuterRef("pk"))),
                    form_names=_names(MentoringForm.objects.filter(mentors=models.OuterRef("pk"))),
                )
            )
        return (
            queryset.select_related("person", "desired_form")
            .only("person", "status", "category", "waiting_since", "desired_form__name", *person)
            .annotate(request_names=_names(Competency.objects.filter(mentees=models.OuterRef("pk"))))
        )

    def for_list(self):
        valid = Consent.objects.processing().valid().filter(person=models.OuterRef("person"))
        related = ["competencies", "preferred_forms"] if self.model is Mentor else ["requests"]
        joins = ["person", "academic_year"] + (["desired_form"] if self.model is Mentee else [])
        return (
            self.select_related(*joins)
            .prefetch_related(*related)
            .annotate(consent_valid=models.Exists(valid), account_state=account_state_of("person__"))
        )

    def with_valid_consent(self):
        today = timezone.localdate()
        return self.filter(
            person__in=Consent.objects.processing().valid(today).values("person"),
        )


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    model_name="MentorEvent",
)
class Mentor(models.Model):
    """Запись банка наставников."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", "кандидат"
        INTERVIEWED = "interviewed", "собеседование пройдено"
        TRAINED = "trained", "обучен"
        ACTIVE = "active", "активен"
        INACTIVE = "inactive", "не активен"

    class Category(models.TextChoices):
        NONE = "none", "без категории"
        FIRST = "first", "первая"
        HIGHEST = "highest", "высшая"
        METHODIST = "methodist", "педагог-методист"
        MENTOR = "mentor", "педагог-наставник"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="mentors")
    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="mentor", verbose_name="участник"
    )
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name="учебный год включения в банк"
    )
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.CANDIDATE)
    competencies = models.ManyToManyField(
        Competency, blank=True, related_name="mentors", verbose_name="компетенции (ресурсы наставника)"
    )
    resources = models.TextField("ресурсы наставника (свободный текст)", blank=True)
    subjects = models.CharField("предметы", max_length=300, blank=True)
    qualification_category = models.CharField(
        "квалификационная категория", max_length=10, choices=Category.choices, default=Category.NONE
    )
    preferred_forms = models.ManyToManyField(
        MentoringForm, blank=True, related_name="mentors", verbose_name="предпочитаемые формы"
    )
    capacity = models.PositiveSmallIntegerField("наибольшее число наставляемых", default=2)
    availability = models.CharField("когда может заниматься", max_length=300, blank=True)
    questionnaire = models.JSONField("анкета потенциального наставника", default=dict, blank=True)
    interview_date = models.DateField("дата собеседования", null=True, blank=True)
    interview_result = models.TextField("результат собеседования", blank=True)
    status_changed_at = models.DateTimeField("статус изменён", default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BankQuerySet.as_manager()

    class Meta:
        verbose_name = "наставник"
        verbose_name_plural = "банк наставников"
        ordering = ["person__last_name", "person__first_name"]
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=30), name="mentor_capacity_sane"
            )
        ]

    def __str__(self) -> str:
        return str(self.person)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    model_name="MenteeEvent",
)
class Mentee(models.Model):
    """Запись банка наставляемых."""

    class Status(models.TextChoices):
        APPLICATION = "application", "заявка"
        WAITING = "waiting", "ожидает пары"
        PAIRED = "paired", "в паре"
        COMPLETED = "completed", "завершил"
        UNPAIRED = "unpaired", "без пары (сопровождение)"
        REMOVED = "removed", "исключён из банка"

    # Statuses of a mentee still looking for a mentor: «ожидает пары с» means something only in these.
    WAITING_STATUSES = (Status.WAITING, Status.UNPAIRED)

    class Category(models.TextChoices):
        YOUNG_SPECIALIST = "young", "молодой специалист (стаж до 3 лет)"
        NEW_EMPLOYEE = "new", "новый сотрудник"
        NEW_POSITION = "position", "переход на новую должность"
        DIFFICULTIES = "difficulties", "педагог с профессиональными затруднениями"
        HIGHLY_MOTIVATED = "motivated", "высокомотивированный обучающийся"
        LEARNING_DIFFICULTIES = "learning", "обучающийся с трудностями в обучении"
        SPECIAL_NEEDS = "ovz", "обучающийся с ОВЗ"
        HARD_SITUATION = "tjs", "обучающийся в трудной жизненной ситуации"
        OTHER = "other", "иная категория"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="mentees")
    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="mentee", verbose_name="участник"
    )
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name="учебный год включения в банк"
    )
    category = models.CharField("категория", max_length=12, choices=Category.choices)
    requests = models.ManyToManyField(
        Competency, blank=True, related_name="mentees", verbose_name="профессиональные запросы (дефициты)"
    )
    requests_text = models.TextField("запросы своими словами", blank=True)
    desired_form = models.ForeignKey(
        MentoringForm,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="желаемая форма",
    )
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.APPLICATION)
    waiting_since = models.DateField("ожидает пары с", null=True, blank=True)
    status_changed_at = models.DateTimeField("статус изменён", default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BankQuerySet.as_manager()

    class Meta:
        verbose_name = "наставляемый"
        verbose_name_plural = "банк наставляемых"
        ordering = ["person__last_name", "person__first_name"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def waits_since(self) -> date | None:
        """«Ожидает пары с», shown only while the mentee waits: once in a pair (or done) the date
        of the old request means nothing to the reader."""
        return self.waiting_since if self.status in self.WAITING_STATUSES else None


class BankStatusChange(models.Model):
    """Each status change of a mentor or mentee, dated and attributed."""

    mentor = models.ForeignKey(
        Mentor, on_delete=models.CASCADE, null=True, blank=True, related_name="status_log"
    )
    mentee = models.ForeignKey(
        Mentee, on_delete=models.CASCADE, null=True, blank=True, related_name="status_log"
    )
    old_status = models.CharField("было", max_length=12, blank=True)
    new_status = models.CharField("стало", max_length=12)
    comment = models.TextField("комментарий", blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "изменение статуса"
        verbose_name_plural = "изменения статусов"
        ordering = ["-changed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mentor__isnull=False, mentee__isnull=True)
                | Q(mentor__isnull=True, mentee__isnull=False),
                name="bank_status_change_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.changed_at:%d.%m.%Y} {self.old_status} → {self.new_status}"

    @property
    def new_status_label(self) -> str:
        statuses = Mentor.Status if self.mentor_id else Mentee.Status
        return statuses(self.new_status).label if self.new_status in statuses.values else self.new_status


class MentorTraining(models.Model):
    """Обучение наставника: установочные сессии, курсы."""

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="trainings")
    date = models.DateField("дата")
    topic = models.CharField("тема", max_length=300)
    hours = models.DecimalField("часов", max_digits=5, decimal_places=1)
    provider = models.CharField("кто проводил", max_length=200, blank=True)

    class Meta:
        verbose_name = "обучение наставника"
        verbose_name_plural = "обучение наставников"
        ordering = ["-date"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.topic}"


class SupportAction(models.Model):
    """Психолого-педагогическая поддержка наставляемого, пока ему ищут наставника."""

    mentee = models.ForeignKey(Mentee, on_delete=models.CASCADE, related_name="support_actions")
    date = models.DateField("дата")
    action = models.TextField("что сделано")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "мера поддержки"
        verbose_name_plural = "меры поддержки"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.action[:40]}"


class DestructionActQuerySet(ScopedQuerySet):
    scope = {"view": roles.STAFF_READERS}


class DestructionAct(models.Model):
    """Акт об уничтожении персональных данных, made when a consent is withdrawn; the PDF is frozen."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="destruction_acts")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="destruction_acts", verbose_name="субъект"
    )
    number = models.PositiveIntegerField("номер акта")
    made_on = models.DateField("дата акта")
    withdrawn_on = models.DateField("дата отзыва согласия")
    events_count = models.PositiveIntegerField("записей журнала обезличено", default=0)
    pdf = models.FileField("акт (PDF)", upload_to="acts/%Y/")
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DestructionActQuerySet.as_manager()

    class Meta:
        verbose_name = "акт об уничтожении персональных данных"
        verbose_name_plural = "акты об уничтожении персональных данных"
        ordering = ["-made_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="destruction_act_number_unique")
        ]

    def __str__(self) -> str:
        return f"Акт № {self.number} от {self.made_on:%d.%m.%Y}"


class ImportColumnMapping(models.Model):
    """What a column header the import does not know means in this organization's files: the
    curator says it once, the next file with that header is read the same way."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="import_mappings", verbose_name="организация"
    )
    kind = models.CharField("кого загружали", max_length=10, choices=Person.Kind.choices)
    header = models.CharField("заголовок столбца (нормализованный)", max_length=200)
    field = models.CharField("поле", max_length=30, blank=True, help_text="пусто — столбец не загружается")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "сопоставление столбца при загрузке"
        verbose_name_plural = "сопоставления столбцов при загрузке"
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "header"], name="import_mapping_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.header} → {self.field or '—'}"
