"""E-mail the notifications not yet e-mailed: each one at once, or a daily digest per user.

Run by cron every few minutes until the job queue replaces it. Rows are claimed under
`select_for_update(skip_locked=True)` and marked in the same transaction as the sending, so two
runs at once, or one after another, never send a notification twice.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from notifications.delivery import send_pending


class Command(BaseCommand):
    help = (
        "Отправить письма с уведомлениями (сразу и ежедневные сводки); повторный запуск ничего не повторяет."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options) -> None:
        result = send_pending()
        if options["format"] == "json":
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write(f"Писем об уведомлениях: {result['emails']}, сводок: {result['digests']}.")
