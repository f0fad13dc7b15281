"""Notifications: the outbox of what the programme tells its users, and each user's choices.

A row is written in the transaction of the change that causes it (`notifications.notify`) and is
unique per recipient and event (`key`), so an event notified twice is still one notification.
The e-mail command (`send_notifications`) delivers rows not yet e-mailed and marks them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mentoring.lib.scoping import ScopedQuerySet


class Kind(models.TextChoices):
    PAIR_ACTIVATED = "pair_activated", "Пара или группа начала работу"
    ROADMAP_REVIEW = "roadmap_review", "Дорожная карта ждёт утверждения"
    ROADMAP_DECISION = "roadmap_decision", "Дорожная карта утверждена или возвращена"
    EVIDENCE_OFFERED = "evidence_offered", "Можно засчитать выполнение мероприятия дорожной карты"
    REGULATION_REVIEW = "regulation_review", "Положение ждёт утверждения"
    ORDER_SIGNATURE = "order_signature", "Приказ ждёт подписи"
    PROGRAM_REVIEW = "program_review", "Программа наставничества ждёт утверждения"
    PROGRAM_DECISION = "program_decision", "Программа наставничества утверждена или возвращена"
    SURVEY_LAUNCHED = "survey_launched", "Новое анкетирование"
    MEETING = "meeting", "Встреча назначена, перенесена или отменена"
    MEETING_TOMORROW = "meeting_tomorrow", "Напоминание: встреча завтра"
    EVENT = "event", "Приглашение на мероприятие, его перенос или отмена"
    EVENT_TOMORROW = "event_tomorrow", "Напоминание: мероприятие завтра"
    FEEDBACK_DUE = "feedback_due", "Напоминание: обратная связь после встречи"
    SURVEY_ENDING = "survey_ending", "Напоминание: анкетирование заканчивается"
    CONSENT_EXPIRING = "consent_expiring", "Напоминание: истекает согласие"
    DEADLINE_SOON = "deadline_soon", "Напоминание: срок мероприятия дорожной карты через 7 дней"
    DEADLINE_OVERDUE = "deadline_overdue", "Напоминание: мероприятие дорожной карты просрочено"


class Email(models.TextChoices):
    NOW = "now", "сразу"
    DIGEST = "digest", "сводкой раз в день"
    NONE = "none", "не присылать"


class NotificationQuerySet(ScopedQuerySet):
    # Notifications are personal: nobody, not even the global admin, reads another user's.
    def visible_to(self, user, action: str = "view") -> models.QuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def in_app_for(self, user) -> NotificationQuerySet:
        return self.filter(recipient=user, in_app=True)

    def unread_for(self, user) -> NotificationQuerySet:
        return self.in_app_for(user).filter(read_at__isnull=True)

    def email_pending(self) -> NotificationQuerySet:
        return self.filter(emailed_at__isnull=True).exclude(email=Email.NONE)


class Notification(models.Model):
    Kind = Kind
    Email = Email

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="получатель",
    )
    kind = models.CharField("вид", max_length=30, choices=Kind.choices)
    # The event, e.g. «pair-activated:<uuid>»: one notification per recipient and event.
    key = models.CharField("событие", max_length=200)
    title = models.CharField("заголовок", max_length=300)
    text = models.TextField("текст", blank=True)
    link = models.CharField("ссылка", max_length=500, blank=True)
    # The recipient's choices when the event happened: changing them later does not recall
    # what has already been written.
    in_app = models.BooleanField("показывать в приложении", default=True)
    email = models.CharField("письмо", max_length=10, choices=Email.choices, default=Email.NOW)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    read_at = models.DateTimeField("прочитано", null=True, blank=True)
    emailed_at = models.DateTimeField("отправлено письмом", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_event"),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(in_app=True, read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(emailed_at__isnull=True) & ~Q(email="none"),
                name="notification_email_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.link or reverse("notifications:list")


class Preference(models.Model):
    """A user's choice for one kind; without a row the default holds (in the app and by e-mail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name="пользователь",
    )
    kind = models.CharField("вид", max_length=30, choices=Kind.choices)
    in_app = models.BooleanField("в приложении", default=True)
    email = models.CharField("письмом", max_length=10, choices=Email.choices, default=Email.NOW)

    class Meta:
        verbose_name = "настройка уведомлений"
        verbose_name_plural = "настройки уведомлений"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"
