"""`manage.py send_deadline_reminders`: one letter per responsible person about activities due
within seven days and those overdue, in the roadmaps in force."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from roadmap.reminders import send_reminders


class Command(BaseCommand):
    help = "Напоминания ответственным о сроках мероприятий дорожной карты (7 дней и просроченные)."

    def handle(self, *args, **options):
        sent, skipped = send_reminders()
        self.stdout.write(f"Отправлено писем: {sent}; без адреса электронной почты: {skipped}.")
