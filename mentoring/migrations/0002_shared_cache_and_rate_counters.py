"""The cache shared by every application server (table `django_cache`, settings.CACHES when
CACHE_URL is not set) and the rate-limit counters, which leave the cache for a table of their own
with an atomic increment; the old cache table of the rate limits is dropped."""

from __future__ import annotations

from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", "django_cache", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS django_cache")


def drop_ratelimit_cache(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS ratelimit_cache")


def create_ratelimit_cache(apps, schema_editor):
    call_command("createcachetable", "ratelimit_cache", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0001_ratelimit_cache")]

    operations = [
        migrations.RunPython(create_cache_table, drop_cache_table),
        migrations.CreateModel(
            name="RateCounter",
            fields=[
                ("key", models.CharField(max_length=200, primary_key=True, serialize=False)),
                ("count", models.PositiveIntegerField()),
                ("expires_at", models.DateTimeField(db_index=True)),
            ],
            options={"verbose_name": "счётчик ограничения частоты"},
        ),
        migrations.RunPython(drop_ratelimit_cache, create_ratelimit_cache),
    ]
