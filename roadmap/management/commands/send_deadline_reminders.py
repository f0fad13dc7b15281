"""`manage.py send_deadline_reminders`: deadline reminders for the responsible staff, written to the
notification outbox and e-mailed by the same delivery as every notification. Kept for the cron
lines that call it; `send_notifications` writes these reminders on every run anyway."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from notifications.delivery import send_pending
from roadmap.reminders import run_today


class Command(BaseCommand):
    help = (
        "Напоминания ответственным о сроках мероприятий дорожной карты (7 дней и просроченные): "
        "уведомление в приложении и письмо, каждое один раз."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            result = run_today()
        sent = send_pending()
        self.stdout.write(
            f"Мероприятий с напоминаниями: {result['activities']}; ответственных без учётной записи: "
            f"{result['without_account']}; писем отправлено: {sent['emails']}, сводок: {sent['digests']}."
        )
