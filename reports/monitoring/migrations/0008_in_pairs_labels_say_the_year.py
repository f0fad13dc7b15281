"""The default statistical form's rows «…, работающих в парах и группах» count the people of the
whole academic year's pairs (completed and terminated ones too): they now say so, so that they are
not read as the «now in pairs» figure of the dashboard and the public page. Only rows still worded
as shipped are renamed; a row a region relabelled keeps its label.

A project pair no longer counts among those that worked, and the dashboard now shows who is in
the pairs working now: the kept yearly and dashboard figures are marked stale to be recomputed."""

from django.db import migrations

RENAMED = {
    "mentors_in_pairs": (
        "Наставников, работающих в парах и группах",
        "Наставников, работавших в парах и группах за учебный год",
    ),
    "mentees_in_pairs": (
        "Наставляемых, работающих в парах и группах",
        "Наставляемых, работавших в парах и группах за учебный год",
    ),
}


def rename(apps, schema_editor, forward=True):
    Row = apps.get_model("monitoring", "StatisticalFormRow")
    for indicator, (old, new) in RENAMED.items():
        before, after = (old, new) if forward else (new, old)
        Row.objects.filter(indicator=indicator, label=before).update(label=after)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0007_figures_keep_breakdowns"),
        ("mentoring", "0003_dashboard_figures"),
    ]

    operations = [
        migrations.RunPython(rename, lambda apps, schema_editor: rename(apps, schema_editor, forward=False)),
        migrations.RunSQL("UPDATE monitoring_yearfigures SET version = version + 1;", migrations.RunSQL.noop),
        migrations.RunSQL("UPDATE mentoring_dashboardfigures SET version = version + 1;", migrations.RunSQL.noop),
    ]
