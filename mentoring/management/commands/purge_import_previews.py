"""Delete import previews nobody confirmed: uploaded people files and the previews kept in sessions
(a roadmap preview holds names). Run it daily (cron or a systemd timer)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from people.import_views import IMPORT_DIRECTORY
from people.import_views import SESSION_KEY as PEOPLE_KEY
from roadmap.views import IMPORT_SESSION_KEY as ROADMAP_KEY

PREVIEW_KEYS = (PEOPLE_KEY, ROADMAP_KEY)


class Command(BaseCommand):
    help = "Удаляет брошенные предпросмотры загрузок (файлы и данные в сессиях) старше суток."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="возраст брошенного предпросмотра, часов")

    def handle(self, *args, hours: int, **options):
        cutoff = timezone.now() - timedelta(hours=hours)
        files = self._purge_files(cutoff)
        sessions = self._purge_sessions(cutoff)
        self.stdout.write(f"Удалено файлов: {files}; очищено сессий: {sessions}.")

    def _purge_files(self, cutoff: datetime) -> int:
        # An object store has no directories to ask `exists()` about: an empty listing says the same.
        try:
            names = default_storage.listdir(IMPORT_DIRECTORY)[1]
        except FileNotFoundError:
            return 0
        removed = 0
        for name in names:
            path = f"{IMPORT_DIRECTORY}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        return removed

    def _purge_sessions(self, cutoff: datetime) -> int:
        store = Session.get_session_store_class()
        cleaned = 0
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            data = session.get_decoded()
            stale = [key for key in PREVIEW_KEYS if key in data and _created(data[key]) < cutoff]
            if not stale:
                continue
            for key in stale:
                del data[key]
            # Only the data changes: the session keeps its key and its expiry.
            session.session_data = store().encode(data)
            session.save(update_fields=["session_data"])
            cleaned += 1
        return cleaned


def _created(preview) -> datetime:
    # Previews stored before timestamps were kept count as abandoned.
    try:
        return datetime.fromisoformat(preview["created"])
    except (KeyError, TypeError, ValueError):
        return datetime.min.replace(tzinfo=timezone.get_current_timezone())
