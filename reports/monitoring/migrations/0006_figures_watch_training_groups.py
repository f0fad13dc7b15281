"""The kept yearly figures now count mentor training groups (their held sessions against the
sessions their programme requires) and the diagnostic surveys, shown on the monitoring page: writes
to the training groups mark them stale like any other write (the triggers of 0001; sessions are
events, watched since 0004, and survey participations since 0001), and every figures row kept
before is marked stale once, so that it is recomputed with the new figures."""

from importlib import import_module

from django.db import migrations

year_figures = import_module("reports.monitoring.migrations.0001_year_figures")

WATCHED = {"events_traininggroup": "SELECT organization_id FROM {rows}"}


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0005_form_rows_any_monitoring_indicator"),
        ("events", "0002_mentor_training_groups"),
    ]

    operations = [
        *(migrations.RunSQL(*year_figures._triggers(table, orgs)) for table, orgs in WATCHED.items()),
        migrations.RunSQL("UPDATE monitoring_yearfigures SET version = version + 1;", migrations.RunSQL.noop),
    ]
