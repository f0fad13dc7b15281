"""Append every stored file (consent scans, signed PDFs, library and event files, import
previews…) to a tar archive under `files/`, read through the default storage: the local disk
(MEDIA_ROOT) or the S3 bucket, whichever the settings name. `scripts/backup.sh` calls it."""

from __future__ import annotations

import tarfile
from collections.abc import Iterator

from django.core.files.storage import Storage, default_storage
from django.core.management.base import BaseCommand

PREFIX = "files/"


def stored_names(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file name in `storage` below `directory`, depth first."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # nothing was ever uploaded to this disk
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from stored_names(storage, f"{directory}/{name}" if directory else name)


class Command(BaseCommand):
    help = "Добавляет все сохранённые файлы (диск или хранилище S3) в архив tar резервной копии."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="архив tar, в конец которого дописываются файлы")

    def handle(self, *args, archive: str, **options):
        count = 0
        with tarfile.open(archive, "a") as tar:
            for name in stored_names(default_storage):
                info = tarfile.TarInfo(PREFIX + name)
                info.size = default_storage.size(name)
                info.mtime = int(default_storage.get_modified_time(name).timestamp())
                with default_storage.open(name, "rb") as handle:
                    tar.addfile(info, handle)
                count += 1
        if options["verbosity"] >= 1:
            self.stdout.write(f"Файлов в архиве: {count}.")
