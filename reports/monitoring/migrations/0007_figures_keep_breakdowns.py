"""The kept yearly figures now hold the breakdowns by mentee category and by form of mentoring
(`indicators.Monitoring.category_lines`, `form_lines`), which the monitoring page and the
statistical forms read instead of counting them on every request. Every table they are counted
from is watched already (the triggers of 0001: mentees, pairs and their mentees, meetings,
feedback, people, the forms of mentoring); every figures row kept before is marked stale once,
so that it is recomputed with them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0006_figures_watch_training_groups")]

    operations = [
        migrations.RunSQL("UPDATE monitoring_yearfigures SET version = version + 1;", migrations.RunSQL.noop),
    ]
