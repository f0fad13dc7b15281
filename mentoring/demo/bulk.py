"""Bulk loading of generated organizations with PostgreSQL COPY (psycopg 3 `cursor.copy`).

`copy_insert(objs)` stands for `Model.objects.bulk_create(objs)` where rows are many: the primary
keys are taken from the table's sequence in one query and set on the instances, then the rows go
through one COPY in PostgreSQL's text format, built here from the instances' attribute values
(no per-value ORM preparation, no INSERT statement to parse). `bulk_load()` wraps a load: the
user triggers of every table copied into are disabled until it ends (history events, the kept
figures' invalidation), then enabled again, and every kept figure is marked stale once — the
constraints (NOT NULL, CHECK, UNIQUE, foreign keys) stay in force throughout.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

# Written in this many bytes at a time: the COPY stream, not one string of the whole table.
CHUNK_ROWS = 5000

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

_loading: list[set[str]] = []  # the tables whose triggers the current load has disabled


def _array(values: list) -> str:
    items = []
    for value in values:
        if value is None:
            items.append("NULL")
        else:
            text = str(value).replace("\\", "\\\\").replace('"', '\\"')
            items.append(f'"{text}"')
    return "{" + ",".join(items) + "}"


def _text(value, json_field: bool) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if json_field:
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, (int, float, Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return (value.name or "").translate(_ESCAPES)
    if isinstance(value, (list, tuple)):
        return _array(list(value)).translate(_ESCAPES)
    return str(value).translate(_ESCAPES)


def _disable_triggers(table: str) -> None:
    if not _loading or table in _loading[-1]:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {connection.ops.quote_name(table)} DISABLE TRIGGER USER")
    _loading[-1].add(table)


def copy_insert(objs: list[models.Model]) -> list[models.Model]:
    """Insert unsaved instances of one model with COPY; their primary keys are set as
    `bulk_create` sets them. Auto timestamps are filled in, defaults were set by the constructor."""
    if not objs:
        return objs
    model = type(objs[0])
    meta = model._meta
    table = meta.db_table
    _disable_triggers(table)
    fields = [f for f in meta.concrete_fields if not getattr(f, "generated", False)]
    pk = meta.pk
    with connection.cursor() as cursor:
        if isinstance(pk, models.AutoField | models.BigAutoField) and objs[0].pk is None:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(objs)],
            )
            for obj, (value,) in zip(objs, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, value)
        now = timezone.now()
        stamped = [
            f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        # A relation assigned as an object saved after the assignment: its id, as bulk_create takes it.
        related = [f for f in fields if f.is_relation]
        for obj in objs:
            values = obj.__dict__
            for attname in stamped:
                if values.get(attname) is None:
                    values[attname] = now
            for field in related:
                if values.get(field.attname) is None and field.is_cached(obj):
                    target = field.get_cached_value(obj)
                    values[field.attname] = None if target is None else target.pk
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        spec = [(f.attname, isinstance(f, models.JSONField)) for f in fields]
        raw = cursor.cursor
        with (
            connection.wrap_database_errors,
            raw.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy,
        ):
            for start in range(0, len(objs), CHUNK_ROWS):
                lines = []
                for obj in objs[start : start + CHUNK_ROWS]:
                    values = obj.__dict__
                    lines.append("\t".join([_text(values[attname], js) for attname, js in spec]))
                copy.write("\n".join(lines) + "\n")
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


@contextmanager
def bulk_load() -> Iterator[None]:
    """Within a transaction: the user triggers of the tables `copy_insert` writes are disabled
    until the end, and the kept figures (yearly and dashboard) of every organization are marked
    stale once, since their invalidation triggers did not fire."""
    if not connection.in_atomic_block:
        raise RuntimeError(
            "bulk_load() needs a transaction: ALTER TABLE … DISABLE TRIGGER holds until commit."
        )
    with connection.cursor() as cursor:
        # Foreign keys checked at the end of each statement, not queued to the commit: a table with
        # queued checks cannot be altered, and a COPY is checked as a whole anyway.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _loading.append(set())
    try:
        yield
    except BaseException:
        # The transaction rolls back, and the ALTER TABLEs with it.
        _loading.pop()
        raise
    tables = _loading.pop()
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"ALTER TABLE {connection.ops.quote_name(table)} ENABLE TRIGGER USER")
        for figures in ("monitoring_yearfigures", "mentoring_dashboardfigures"):
            cursor.execute(f"UPDATE {figures} SET version = version + 1")  # noqa: S608 — fixed names


def insert(objs: list[models.Model], batch_size: int = 2000) -> list[models.Model]:
    """`copy_insert` within `bulk_load()` (generated organizations), else `bulk_create` (the demo
    school, whose rows keep their history)."""
    if not objs:
        return objs
    if _loading:
        return copy_insert(objs)
    return type(objs[0]).objects.bulk_create(objs, batch_size=batch_size)
