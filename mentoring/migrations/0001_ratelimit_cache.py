"""The database cache table of the rate limits (mentoring.lib.ratelimit), made by `migrate` so
that no deployment step can be forgotten."""

from __future__ import annotations

from django.core.management import call_command
from django.db import migrations


def create_table(apps, schema_editor):
    call_command("createcachetable", "ratelimit_cache", database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS ratelimit_cache")


class Migration(migrations.Migration):
    dependencies: list = []
    operations = [migrations.RunPython(create_table, drop_table)]
