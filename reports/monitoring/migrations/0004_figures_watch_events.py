"""The kept yearly figures now count class hours and contests from the events: writes to the
events' tables mark them stale like any other write (the triggers of 0001), and every figures row
kept before is marked stale once, so that it is recomputed with the new figures."""

from importlib import import_module

from django.db import migrations

year_figures = import_module("reports.monitoring.migrations.0001_year_figures")

EVENT = "SELECT e.organization_id FROM {rows} r JOIN events_event e ON e.id = r.event_id"
WATCHED = {
    "events_event": "SELECT organization_id FROM {rows}",
    "events_eventclass": EVENT,
    "events_eventparticipant": EVENT,
}


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_default_statistical_form"),
        ("events", "0001_initial"),
    ]

    operations = [
        *(migrations.RunSQL(*year_figures._triggers(table, orgs)) for table, orgs in WATCHED.items()),
        migrations.RunSQL("UPDATE monitoring_yearfigures SET version = version + 1;", migrations.RunSQL.noop),
    ]
