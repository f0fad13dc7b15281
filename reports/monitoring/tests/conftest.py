"""The default statistical form is data written by a migration (0003): a test that empties the
tables (a browser test's live server flushes the database after it) takes it away from the tests
that run later in the same database. It is put back as the migration writes it."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def default_statistical_form(request):
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    from reports.monitoring.models import StatisticalForm

    if not StatisticalForm.objects.filter(is_default=True).exists():
        migration = importlib.import_module("reports.monitoring.migrations.0003_default_statistical_form")
        migration.create_default(apps, None)
