"""Write the day's reminders, then e-mail the notifications not yet e-mailed: each one at once, or a
daily digest per user.

Run by cron every few minutes until the job queue replaces it. Rows are claimed under
`select_for_update(skip_locked=True)` and marked in the same transaction as the sending, so two
runs at once, or one after another, never send a notification twice. Reminders are keyed by the
object they are about, so writing them every run (every few minutes) still writes each once.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications.delivery import send_pending
from notifications.reminders import write_reminders


class Command(BaseCommand):
    help = (
        "Записать напоминания на сегодня и отправить письма с уведомлениями (сразу и ежедневные сводки); "
        "повторный запуск ничего не повторяет."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--no-reminders",
            dest="reminders",
            action="store_false",
            help="Не записывать напоминания, только отправить письма.",
        )

    def handle(self, *args, **options) -> None:
        if options["reminders"]:
            write_reminders(timezone.localdate())
        result = send_pending()
        if options["format"] == "json":
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write(f"Писем об уведомлениях: {result['emails']}, сводок: {result['digests']}.")
