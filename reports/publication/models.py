"""Information support of the programme: the Положение, the public page with its news, and the
methodical library («методическая копилка») with the best practices it shows to the public.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentoring.lib.scoping import ScopedQuerySet
from people import roles
from people.models import AcademicYear, MentoringForm, Organization, Person

MATERIAL_MAX_BYTES = 20 * 1024 * 1024


# The Положение -------------------------------------------------------------------------------


def _regulation_pdf_path(regulation: Regulation, filename: str) -> str:
    return f"regulations/{regulation.organization_id}/{regulation.uuid}.pdf"


class RegulationQuerySet(ScopedQuerySet):
    """The Положение in its drafts and editions is the staff readers'; the public reads the
    approved text on the public page, not through this queryset."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def for_list(self) -> RegulationQuerySet:
        return self.select_related("organization", "order").order_by("audience", "-version")

    def approved(self) -> RegulationQuerySet:
        return self.filter(status=Regulation.Status.APPROVED)

    def in_review(self) -> RegulationQuerySet:
        return self.filter(status=Regulation.Status.REVIEW)


class Regulation(models.Model):
    """Положение о системе наставничества: one in force per organization and audience, in versions.

    The text is a list of sections generated from the organization's data (reports/regulation.py)
    and edited by the curator. An approved version is frozen, with its PDF; a change is a new
    version («новая редакция») and the old one goes to the archive when the new one is approved.
    """

    class Audience(models.TextChoices):
        STAFF = "staff", "педагогических работников"
        STUDENTS = "students", "обучающихся"

    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        REVIEW = "review", "на утверждении"
        APPROVED = "approved", "утверждено"
        ARCHIVED = "archived", "в архиве"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="regulations", verbose_name="организация"
    )
    audience = models.CharField("о наставничестве", max_length=10, choices=Audience.choices)
    version = models.PositiveSmallIntegerField("редакция", default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    title = models.CharField("заголовок", max_length=300)
    sections = models.JSONField("разделы", default=list, help_text="[{title, text}, …]")
    # The copy for the public page when a person named in the approved text withdrew their
    # consent (names masked); empty while the approved text can be shown as it is.
    public_sections = models.JSONField("разделы для публикации", null=True, blank=True)
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    # «ПРИНЯТО на заседании педагогического совета (протокол от … № …)»: recorded when submitted.
    protocol_date = models.DateField("дата протокола педсовета", null=True, blank=True)
    protocol_number = models.CharField("номер протокола педсовета", max_length=40, blank=True)
    # «УТВЕРЖДЕНО приказом от … № …»: the signed order of the register, or one signed on paper.
    # Linked when a launch order is drafted to approve this version, so that the order attaches it
    # and its signature approves exactly it (a deleted draft unlinks it).
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="regulations",
        verbose_name="приказ об утверждении",
    )
    order_date = models.DateField("дата приказа", null=True, blank=True)
    order_number = models.CharField("номер приказа", max_length=40, blank=True)
    return_comment = models.TextField("замечания при возврате", blank=True)
    pdf = models.FileField("утверждённый PDF", upload_to=_regulation_pdf_path, blank=True)
    pdf_sha256 = models.CharField("контрольная сумма PDF", max_length=64, blank=True)
    approved_at = models.DateTimeField("утверждено", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegulationQuerySet.as_manager()

    class Meta:
        db_table = "reports_regulation"
        verbose_name = "положение о системе наставничества"
        verbose_name_plural = "положения о системе наставничества"
        ordering = ["audience", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "audience", "version"], name="regulation_unique_version"
            ),
            models.UniqueConstraint(
                fields=["organization", "audience"],
                condition=Q(status__in=["draft", "review"]),
                name="regulation_one_open_draft",
            ),
            models.UniqueConstraint(
                fields=["organization", "audience"],
                condition=Q(status="approved"),
                name="regulation_one_approved",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft"]) | (Q(protocol_date__isnull=False) & ~Q(protocol_number="")),
                name="regulation_submitted_has_protocol",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review"])
                | (Q(order_date__isnull=False) & ~Q(order_number="") & ~Q(pdf="") & ~Q(pdf_sha256="")),
                name="regulation_approved_has_order_and_pdf",
            ),
        ]
        triggers = [
            # What was approved never changes: a change is a new version.
            pgtrigger.Protect(
                name="regulation_approved_is_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status__in=["approved", "archived"])
                & (
                    pgtrigger.Q(old__sections__df=pgtrigger.F("new__sections"))
                    | pgtrigger.Q(old__title__df=pgtrigger.F("new__title"))
                    | pgtrigger.Q(old__order_number__df=pgtrigger.F("new__order_number"))
                    | pgtrigger.Q(old__order_date__df=pgtrigger.F("new__order_date"))
                    | pgtrigger.Q(old__pdf__df=pgtrigger.F("new__pdf"))
                ),
            ),
            pgtrigger.Protect(
                name="regulation_approved_is_kept",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__status__in=["approved", "archived"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (редакция {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("regulation:detail", args=[self.uuid])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def published_sections(self) -> list[dict]:
        return self.public_sections or self.sections

    @property
    def subject_title(self) -> str:
        """The title after the document kind: «о системе наставничества …»."""
        title = self.title.strip()
        return title[len("Положение ") :] if title.lower().startswith("положение ") else title

    @property
    def protocol_stamp(self) -> str:
        if not self.protocol_number:
            return "протокол от ____________ № ____"
        return f"протокол от {self.protocol_date:%d.%m.%Y} № {self.protocol_number}"

    @property
    def approved_on(self) -> date | None:
        """The day it was approved: the approving order's date (`approved_at` only records when
        the approval was entered, which may be days after the order was signed on paper)."""
        if self.order_date:
            return self.order_date
        return timezone.localdate(self.approved_at) if self.approved_at else None

    @property
    def order_stamp(self) -> str:
        if not self.order_number:
            return "приказом от ____________ № ____"
        return f"приказом от {self.order_date:%d.%m.%Y} № {self.order_number}"

    @staticmethod
    def checksum(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()


# The public page and its news --------------------------------------------------------------


class PublicPage(models.Model):
    """The organization's page about its programme, open without login once published."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="public_page", verbose_name="организация"
    )
    is_published = models.BooleanField("опубликована", default=False)
    title = models.CharField("заголовок", max_length=200, default="Наставничество")
    description = models.TextField(
        "о программе наставничества",
        blank=True,
        help_text="Что это за программа, для кого она, как принять участие. Абзацы — через пустую строку.",
    )
    contacts = models.TextField(
        "как связаться",
        blank=True,
        help_text="Телефон или почта для вопросов о наставничестве (без личных данных сотрудников, "
        "если у них нет согласия на распространение).",
    )
    published_at = models.DateTimeField("опубликована", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "reports_publicpage"
        verbose_name = "публичная страница"
        verbose_name_plural = "публичные страницы"

    def __str__(self) -> str:
        return f"{self.title} — {self.organization}"


class NewsItemQuerySet(ScopedQuerySet):
    """Staff readers see the organization's news, including unpublished ones; managers write them.
    The public page shows the published ones by the organization's slug."""

    scope = {"view": roles.STAFF_READERS, "manage": roles.MANAGERS}

    def published(self) -> NewsItemQuerySet:
        return self.filter(is_published=True, published_at__isnull=False)


class NewsItem(models.Model):
    """A news item or an announcement the curator writes for the public page."""

    class Kind(models.TextChoices):
        NEWS = "news", "новость"
        ANNOUNCEMENT = "announcement", "анонс"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="news", verbose_name="организация"
    )
    kind = models.CharField("вид", max_length=12, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField("заголовок", max_length=200)
    body = models.TextField("текст", help_text="Абзацы — через пустую строку.")
    event_date = models.DateField(
        "дата события", null=True, blank=True, help_text="Для анонса: когда состоится событие"
    )
    is_published = models.BooleanField("показывать на публичной странице", default=True)
    published_at = models.DateTimeField("опубликовано", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        db_table = "reports_newsitem"
        verbose_name = "новость"
        verbose_name_plural = "новости и анонсы"
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["organization", "is_published", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="news_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(kind="announcement") | Q(event_date__isnull=True),
                name="news_event_date_only_for_announcements",
            ),
        ]

    def __str__(self) -> str:
        return self.title


# The methodical library ----------------------------------------------------------------------


def _material_path(material: Material, filename: str) -> str:
    return f"materials/{material.organization_id}/{material.uuid}.{material.file_type or 'bin'}"


class MaterialQuerySet(ScopedQuerySet):
    """The library is read by the staff readers and the mentors of the organization; who may
    change a material (its manager, or the mentor who added it) is for the rules to say."""

    scope = {"view": roles.LIBRARY_READERS}

    def for_list(self) -> MaterialQuerySet:
        return self.select_related("form", "author", "academic_year", "best_practice").order_by("-created_at")

    def training(self) -> MaterialQuerySet:
        return self.filter(category=Material.Category.TRAINING)


class Material(models.Model):
    """A material of the methodical library: an uploaded file or a link."""

    class Category(models.TextChoices):
        METHODICAL = "methodical", "методический материал"
        TRAINING = "training", "обучение наставников (установочные сессии)"
        PROGRAM = "program", "программа, сценарий, план"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="materials", verbose_name="организация"
    )
    title = models.CharField("название", max_length=300)
    description = models.TextField("описание", blank=True)
    category = models.CharField(
        "раздел", max_length=12, choices=Category.choices, default=Category.METHODICAL
    )
    form = models.ForeignKey(
        MentoringForm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="форма наставничества",
    )
    topic = models.CharField("тема", max_length=200, blank=True)
    author = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name="автор",
    )
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name="учебный год"
    )
    file = models.FileField("файл", upload_to=_material_path, blank=True)
    file_type = models.CharField("тип файла", max_length=8, blank=True)
    file_size = models.PositiveIntegerField("размер файла, байт", null=True, blank=True)
    file_name = models.CharField("имя файла", max_length=200, blank=True)
    link = models.URLField("ссылка", max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="добавил",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MaterialQuerySet.as_manager()

    class Meta:
        db_table = "reports_material"
        verbose_name = "методический материал"
        verbose_name_plural = "методическая копилка"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "category", "-created_at"])]
        constraints = [
            # A file or a link, never both and never neither.
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="material_file_or_link",
            ),
            models.CheckConstraint(
                condition=Q(file_size__isnull=True) | Q(file_size__lte=MATERIAL_MAX_BYTES),
                name="material_file_size_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:detail", args=[self.uuid])


class BestPracticeQuerySet(ScopedQuerySet):
    """Best practices are seen with the library and marked by the managers."""

    scope = {"view": roles.LIBRARY_READERS, "manage": roles.MANAGERS}

    def public(self) -> BestPracticeQuerySet:
        return self.filter(is_public=True)

    def for_list(self) -> BestPracticeQuerySet:
        return self.select_related(
            "material__form", "material__author", "pair__form", "pair__program"
        ).order_by("-marked_at")


class BestPractice(models.Model):
    """«Лучшая практика»: a material or a completed pair's programme the curator singled out.

    Only those marked `is_public` appear on the public page.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="best_practices", verbose_name="организация"
    )
    material = models.OneToOneField(
        Material, on_delete=models.CASCADE, null=True, blank=True, related_name="best_practice"
    )
    pair = models.OneToOneField(
        "pairs.Pair", on_delete=models.PROTECT, null=True, blank=True, related_name="best_practice"
    )
    title = models.CharField("название", max_length=300)
    summary = models.TextField(
        "описание для публичной страницы",
        blank=True,
        help_text="Чем ценна практика, каких результатов удалось добиться.",
    )
    # For a pair: what its programme was, as it stood when marked (form, goals, results…).
    details = models.JSONField("сведения о практике", default=dict, blank=True)
    is_public = models.BooleanField("показывать на публичной странице", default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField("отмечено", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BestPracticeQuerySet.as_manager()

    class Meta:
        db_table = "reports_bestpractice"
        verbose_name = "лучшая практика"
        verbose_name_plural = "лучшие практики"
        ordering = ["-marked_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(material__isnull=False, pair__isnull=True)
                | Q(material__isnull=True, pair__isnull=False),
                name="best_practice_one_subject",
            )
        ]

    def __str__(self) -> str:
        return self.title
