"""What the audit history would record for rows of models it does not track."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.models.signals import post_save


@contextmanager
def history_contexts(model) -> Iterator[list[dict | None]]:
    """Collect, for each save of `model`, the pghistory context the database holds at that moment:
    what a history trigger would write (None: no context, the change would be anonymous)."""
    seen: list[dict | None] = []

    def record(sender, **kwargs) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('pghistory.context_metadata', true)")
            value = cursor.fetchone()[0]
        seen.append(json.loads(value) if value else None)

    post_save.connect(record, sender=model, weak=False)
    try:
        yield seen
    finally:
        post_save.disconnect(record, sender=model)
