"""Database connections in a job worker's threads.

A worker runs each synchronous task in a thread of its own pool, outside Django's request cycle,
so nothing closes a connection that the database dropped or that outlived CONN_MAX_AGE: a task
does it before and after its work. Inside a transaction (a test, or a task called by other code)
the connection is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import close_old_connections, connection


@contextmanager
def task_connections() -> Iterator[None]:
    if connection.in_atomic_block:
        yield
        return
    close_old_connections()
    try:
        yield
    finally:
        close_old_connections()
