"""Write the files of a backup archive (members under `files/`, see backup_files) back into the
default storage under their own names, replacing what is stored under those names. Files stored
after the backup are left in place: no restored record refers to them."""

from __future__ import annotations

import tarfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from mentoring.management.commands.backup_files import PREFIX


class Command(BaseCommand):
    help = "Возвращает файлы из архива резервной копии на диск или в хранилище S3."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="архив tar, сделанный make backup")

    def handle(self, *args, archive: str, **options):
        count = 0
        with tarfile.open(archive, "r") as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name.startswith(PREFIX)]
            # Every name is checked before the first file is written.
            for member in members:
                name = member.name[len(PREFIX) :]
                if not name or name.startswith("/") or ".." in name.split("/"):
                    raise CommandError(f"Имя файла в архиве выходит за пределы хранилища: {member.name}")
            for member in members:
                name = member.name[len(PREFIX) :]
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, File(tar.extractfile(member), name=name))
                if saved != name:
                    raise CommandError(f"Файл {name} сохранён под другим именем: {saved}")
                count += 1
        if options["verbosity"] >= 1:
            self.stdout.write(f"Восстановлено файлов: {count}.")
