"""A small counter of events per key and period, kept in the shared database cache so that every
application server counts together (a per-process cache would multiply the limit)."""

from __future__ import annotations

import hashlib

from django.core.cache import caches

CACHE = "ratelimit"


def allow(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one event of `key` in `scope`; False once more than `limit` happened within `period` seconds
    of the first one. Keys are hashed: an e-mail address is not kept in the cache as written."""
    name = f"{scope}:{hashlib.sha256(key.encode()).hexdigest()}"
    cache = caches[CACHE]
    if cache.add(name, 1, period):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add() and incr()
        cache.set(name, 1, period)
        count = 1
    return count <= limit
