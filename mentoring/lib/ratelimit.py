"""A small counter of events per key and period, kept in PostgreSQL so that every application
server counts together (a per-process cache would multiply the limit). The increment is one
`INSERT … ON CONFLICT DO UPDATE` statement: two servers counting at the same moment both count,
which a cache's get-then-set `incr()` does not promise."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from mentoring.models import RateCounter

TABLE = RateCounter._meta.db_table

# A period that has ended starts again at 1; an expired row is never read as a live count.
UPSERT = f"""
    INSERT INTO {TABLE} (key, count, expires_at) VALUES (%(key)s, 1, %(expires)s)
    ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN {TABLE}.expires_at <= %(now)s THEN 1 ELSE {TABLE}.count + 1 END,
        expires_at = CASE WHEN {TABLE}.expires_at <= %(now)s THEN EXCLUDED.expires_at
                          ELSE {TABLE}.expires_at END
    RETURNING count
"""  # noqa: S608 — the table name is the model's, the values are parameters


def _name(scope: str, key: str) -> str:
    return f"{scope}:{hashlib.sha256(key.encode()).hexdigest()}"


def allow(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one event of `key` in `scope`; False once more than `limit` happened within `period` seconds
    of the first one. Keys are hashed: an e-mail address is not kept as written."""
    name = _name(scope, key)
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(UPSERT, {"key": name, "now": now, "expires": now + timedelta(seconds=period)})
        (count,) = cursor.fetchone()
        # Rows of ended periods would otherwise stay forever; the index makes this cheap.
        RateCounter.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    return count <= limit


def spent(scope: str, key: str, *, limit: int) -> bool:
    """Whether `key` has used up `limit` events in its current period, counting nothing: for limits
    that count failures only (`allow` on each failure), checked before each attempt."""
    count = (
        RateCounter.objects.filter(key=_name(scope, key), expires_at__gt=timezone.now())
        .values_list("count", flat=True)
        .first()
    )
    return count is not None and count >= limit
