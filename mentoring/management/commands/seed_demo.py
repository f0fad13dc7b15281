"""`manage.py seed_demo [--organizations N]`: the demo school and, optionally, N generated ones."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from mentoring import demo


class Command(BaseCommand):
    help = "Создаёт демонстрационную школу и пользователей (повторный запуск ничего не дублирует)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--organizations",
            type=int,
            default=0,
            help="добавить N сгенерированных организаций (для нагрузочных измерений)",
        )
        parser.add_argument("--seed", type=int, default=2024, help="зерно генератора случайных чисел")

    def handle(self, *args, **options):
        started = time.monotonic()
        # The workflows notify people by e-mail; demo people have made-up addresses, so the
        # notifications of the seeding go nowhere, whatever mail server is configured.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            demo.seed_demo(seed=options["seed"])
            created = (
                demo.seed_organizations(options["organizations"], seed=options["seed"])
                if options["organizations"]
                else 0
            )
        if options["organizations"]:
            self.stdout.write(f"Создано организаций: {created}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Демо-данные готовы за {time.monotonic() - started:.1f} с. Пароль у всех: demo"
            )
        )
