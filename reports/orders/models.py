"""Orders («приказы») of an organization: the register, numbering and the frozen signed PDF."""

from __future__ import annotations

import hashlib
import uuid

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mentoring.lib.declension import Case
from mentoring.lib.scoping import ScopedQuerySet
from people import roles
from people.models import Organization, Person

# Fields that make up what was signed: once the order is signed the database refuses to change them.
FROZEN_FIELDS = [
    "organization",
    "kind",
    "number",
    "sequence",
    "year",
    "date",
    "title",
    "preamble",
    "points",
    "control",
    "appendix",
    "roadmap",
    "executor_mark",
    "text",
    "signer_position",
    "signer_name",
    "pdf",
    "pdf_sha256",
]


def _pdf_path(order: Order, filename: str) -> str:
    return f"orders/{order.organization_id}/{order.year}/{order.uuid}.pdf"


def _any_changed(fields: list[str]):
    condition = None
    for name in fields:
        q = pgtrigger.Q(**{f"old__{name}__df": pgtrigger.F(f"new__{name}")})
        condition = q if condition is None else condition | q
    return condition


class OrderQuerySet(ScopedQuerySet):
    """The register is read by the staff readers of the organization and drafted by its managers;
    no participant sees an order, not even one naming them. The municipal coordinator sees the
    register's lines of its municipality's schools (the rules keep the orders themselves from it)."""

    scope = {"view": roles.STAFF_READERS | roles.MUNICIPAL, "manage": roles.MANAGERS}

    def for_list(self) -> OrderQuerySet:
        # Drafts (no date yet) first, then the newest numbers.
        return (
            self.select_related("organization", "created_by")
            .annotate(people_count=models.Count("people", distinct=True))
            .order_by(models.F("date").desc(nulls_first=True), "-sequence", "-created_at")
        )

    def awaiting_signature(self) -> OrderQuerySet:
        return self.filter(status=Order.Status.PENDING)

    def drafts(self) -> OrderQuerySet:
        return self.filter(status=Order.Status.DRAFT)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["updated_at"],
    model_name="OrderEvent",
    meta={"db_table": "reports_orderevent"},
)
class Order(models.Model):
    class Kind(models.TextChoices):
        LAUNCH = "launch", "Об утверждении положения о наставничестве и дорожной карты, о назначении куратора"
        REWARD = "reward", "О поощрении участников наставнической деятельности"
        PAIRS = "pairs", "О закреплении наставнических пар (групп)"
        PROGRAMS = "programs", "Об утверждении персонализированных программ наставничества / ИОМ"
        COMPLETION = "completion", "О завершении программ наставничества"
        # Written by the curator from scratch: the orders the other kinds do not cover.
        OTHER = "other", "Иной приказ"

    # Kinds drafted from chosen pairs (pairs app) rather than from chosen people.
    PAIR_KINDS = ("pairs", "programs", "completion")

    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        PENDING = "pending", "на подписи"
        SIGNED = "signed", "подписан"
        CANCELLED = "cancelled", "отменён"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="orders", verbose_name="организация"
    )
    kind = models.CharField("вид приказа", max_length=20, choices=Kind.choices)
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The number is given at signing: a sequence per organization and calendar year, shown with
    # the organization's suffix («41-од»). Drafts have none, so no number is ever skipped or reused.
    year = models.PositiveSmallIntegerField("год нумерации", null=True, blank=True)
    sequence = models.PositiveIntegerField("порядковый номер", null=True, blank=True)
    number = models.CharField("номер", max_length=40, blank=True)
    date = models.DateField("дата", null=True, blank=True)
    title = models.CharField("заголовок", max_length=500)
    preamble = models.TextField("преамбула", blank=True)
    points = models.JSONField("пункты", default=list, blank=True, help_text="[{text, executor, deadline}, …]")
    control = models.CharField(
        "пункт о контроле",
        max_length=500,
        default="Контроль за исполнением настоящего приказа оставляю за собой.",
    )
    appendix = models.JSONField("приложение", default=dict, blank=True)
    # The version of the roadmap a launch order approves, chosen when it is drafted; the order
    # attaches it as an appendix and signing approves exactly this version.
    roadmap = models.ForeignKey(
        "roadmap.Roadmap",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="launch_orders",
        verbose_name="утверждаемая дорожная карта",
    )
    # What the text was generated from (academic year, wording of the merit…), kept for regeneration.
    params = models.JSONField("параметры", default=dict, blank=True)
    executor_mark = models.CharField("отметка об исполнителе", max_length=300, blank=True)
    text = models.TextField("текст приказа (как подписан)", blank=True)
    signer_position = models.CharField("должность подписавшего", max_length=200, blank=True)
    signer_name = models.CharField("подпись (И.О. Фамилия)", max_length=200, blank=True)
    pdf = models.FileField("подписанный PDF", upload_to=_pdf_path, blank=True)
    pdf_sha256 = models.CharField("контрольная сумма PDF (SHA-256)", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="составил",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField("отправлен на подпись", null=True, blank=True)
    signed_at = models.DateTimeField("подписан", null=True, blank=True)
    cancelled_at = models.DateTimeField("отменён", null=True, blank=True)
    cancel_reason = models.CharField("причина отмены", max_length=300, blank=True)
    # The signed order of the register that cancels this one («Отменён приказом от … № …»).
    cancelled_by_order = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cancels",
        verbose_name="отменён приказом",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        db_table = "reports_order"
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        ordering = ["-year", "-sequence", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "sequence"], name="order_number_unique_per_org_year"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "pending"])
                | (
                    Q(sequence__isnull=False)
                    & Q(year__isnull=False)
                    & Q(date__isnull=False)
                    & ~Q(number="")
                    & ~Q(pdf="")
                    & ~Q(pdf_sha256="")
                ),
                name="order_signed_has_number_and_pdf",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["signed", "cancelled"]) | Q(sequence__isnull=True),
                name="order_draft_has_no_number",
            ),
        ]
        indexes = [models.Index(fields=["organization", "status", "-created_at"])]
        triggers = [
            # What was signed never changes: only the status may move on (to «отменён»).
            pgtrigger.Protect(
                name="order_signed_is_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status__in=["signed", "cancelled"]) & _any_changed(FROZEN_FIELDS),
            ),
            pgtrigger.Protect(
                name="order_signed_is_kept",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__status__in=["signed", "cancelled"]),
            ),
        ]

    def __str__(self) -> str:
        return f"Приказ {self.display_number} «{self.title}»"

    def get_absolute_url(self) -> str:
        return reverse("orders:order_detail", args=[self.uuid])

    @property
    def display_number(self) -> str:
        if self.number:
            return f"от {self.date:%d.%m.%Y} № {self.number}"
        return "(без номера)"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    def ordered_people(self):
        return self.people.select_related("person").order_by("position_in_order", "pk")

    @staticmethod
    def checksum(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()


class OrderPerson(models.Model):
    """A person named in an order, in the role the order gives them."""

    class Role(models.TextChoices):
        CURATOR = "curator", "куратор"
        MENTOR = "mentor", "наставник"
        MENTEE = "mentee", "наставляемый"
        REWARDED = "rewarded", "поощряемый"
        ACQUAINTED = "acquainted", "знакомится с приказом"

    class Reward(models.TextChoices):
        THANKS = "thanks", "благодарность"
        CERTIFICATE = "certificate", "почётная грамота"
        LETTER = "letter", "благодарственное письмо"

    # The case a role's name takes in the order's sentence («назначить куратором Иванову…»,
    # «закрепить Сидорову … за Петровым Иваном Сергеевичем», «наставникам: Петрову …»).
    ROLE_CASE = {
        Role.CURATOR: Case.ACCUSATIVE,
        Role.MENTOR: Case.INSTRUMENTAL,
        Role.MENTEE: Case.ACCUSATIVE,
        Role.REWARDED: Case.DATIVE,
        Role.ACQUAINTED: Case.NOMINATIVE,
    }
    KIND_ROLE_CASE = {
        ("programs", Role.MENTOR): Case.DATIVE,
        ("completion", Role.MENTOR): Case.DATIVE,
        ("programs", Role.MENTEE): Case.GENITIVE,
        ("completion", Role.MENTEE): Case.GENITIVE,
    }

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="order_mentions")
    role = models.CharField("роль в приказе", max_length=10, choices=Role.choices)
    position_in_order = models.PositiveSmallIntegerField(default=0)
    declined_name = models.CharField(
        "ФИО в приказе",
        max_length=300,
        blank=True,
        help_text="Склонённая форма, исправленная вручную; пусто — склонять автоматически",
    )

    class LetterTo(models.TextChoices):
        PERSON = "person", "самому участнику"
        PARENTS = "parents", "родителям (законным представителям)"

    reward = models.CharField("вид поощрения", max_length=12, choices=Reward.choices, blank=True)
    merit = models.CharField("за что", max_length=300, blank=True)
    # Whom the order gives the letter: the participant, or the parents of a student («вручить
    # благодарственное письмо родителям (законным представителям) Кима Олега …»).
    letter_to = models.CharField(
        "кому письмо", max_length=8, choices=LetterTo.choices, default=LetterTo.PERSON
    )

    class Meta:
        db_table = "reports_orderperson"
        verbose_name = "участник приказа"
        verbose_name_plural = "участники приказа"
        ordering = ["position_in_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "person", "role"], name="order_person_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    @property
    def case(self) -> Case:
        if self.role == self.Role.REWARDED and self.reward == self.Reward.CERTIFICATE:
            return Case.ACCUSATIVE  # «наградить почётной грамотой Иванову…»
        if self.letter_to_parents:
            return Case.GENITIVE  # «вручить письмо родителям Кима Олега Сергеевича»
        return self.KIND_ROLE_CASE.get((self.order.kind, self.role), self.ROLE_CASE[self.role])

    @property
    def gets_letter(self) -> bool:
        return self.role == self.Role.REWARDED and self.reward == self.Reward.LETTER

    @property
    def letter_to_parents(self) -> bool:
        return (
            self.gets_letter
            and self.letter_to == self.LetterTo.PARENTS
            and self.person.kind == self.person.Kind.STUDENT
        )

    @property
    def automatic_name(self) -> str:
        from mentoring.lib.declension import decline_person

        return decline_person(self.person, self.case)

    @property
    def name_in_text(self) -> str:
        return self.declined_name or self.automatic_name


class OrderPair(models.Model):
    """A mentoring pair or group an order is about (assigns, approves the programme of, completes)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="pair_links")
    pair = models.ForeignKey("pairs.Pair", on_delete=models.PROTECT, related_name="order_links")
    position_in_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "reports_orderpair"
        verbose_name = "пара в приказе"
        verbose_name_plural = "пары в приказе"
        ordering = ["position_in_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["order", "pair"], name="order_pair_unique")]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.pair_id}"
