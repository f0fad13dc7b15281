"""The dashboard's kept figures per organization, and the triggers that mark them stale.

Statement-level triggers with transition tables, as for the yearly figures (monitoring 0001): one
UPDATE per statement whatever the number of rows it wrote, nothing at all while no figures are
kept, for every writer (views, imports, the admin, bulk updates, raw SQL)."""

import django.db.models.deletion
from django.db import migrations, models

# Which organizations a changed row belongs to: a query over the statement's rows, `{rows}`.
PAIR = "SELECT p.organization_id FROM {rows} r JOIN pairs_pair p ON p.id = r.pair_id"
WATCHED = {
    # people counts; the banks (by status, without a valid consent)
    "people_person": "SELECT organization_id FROM {rows}",
    "people_mentor": "SELECT organization_id FROM {rows}",
    "people_mentee": "SELECT organization_id FROM {rows}",
    # a consent counts for the banks of the person's organization and of every bank entry it has
    "people_consent": (
        "SELECT p.organization_id FROM {rows} r JOIN people_person p ON p.id = r.person_id"
        " UNION SELECT m.organization_id FROM {rows} r JOIN people_mentor m ON m.person_id = r.person_id"
        " UNION SELECT e.organization_id FROM {rows} r JOIN people_mentee e ON e.person_id = r.person_id"
    ),
    # pairs by status; meetings of active pairs whose attendees have not all given feedback
    "pairs_pair": "SELECT organization_id FROM {rows}",
    "pairs_meeting": PAIR,
    "pairs_meeting_attendees": (
        "SELECT p.organization_id FROM {rows} r JOIN pairs_meeting m ON m.id = r.meeting_id"
        " JOIN pairs_pair p ON p.id = m.pair_id"
    ),
    "pairs_feedback": (
        "SELECT p.organization_id FROM {rows} r JOIN pairs_meeting m ON m.id = r.meeting_id"
        " JOIN pairs_pair p ON p.id = m.pair_id"
    ),
    # orders by status
    "reports_order": "SELECT organization_id FROM {rows}",
    # the progress of the roadmap in force
    "roadmap_roadmap": "SELECT organization_id FROM {rows}",
    "roadmap_stage": "SELECT m.organization_id FROM {rows} r JOIN roadmap_roadmap m ON m.id = r.roadmap_id",
    "roadmap_activity": (
        "SELECT m.organization_id FROM {rows} r JOIN roadmap_stage s ON s.id = r.stage_id"
        " JOIN roadmap_roadmap m ON m.id = s.roadmap_id"
    ),
    # the curator's offers of evidence for the roadmap in force
    "roadmap_evidencesuggestion": (
        "SELECT m.organization_id FROM {rows} r JOIN roadmap_activity a ON a.id = r.activity_id"
        " JOIN roadmap_stage s ON s.id = a.stage_id JOIN roadmap_roadmap m ON m.id = s.roadmap_id"
    ),
    # the campaigns accepting answers (each user's own participations are read only while some are)
    "pairs_campaign": "SELECT organization_id FROM {rows}",
}

FUNCTION = """
CREATE OR REPLACE FUNCTION mentoring_dashboard_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs text := TG_ARGV[0];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM mentoring_dashboardfigures) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE 'UPDATE mentoring_dashboardfigures SET version = version + 1 WHERE organization_id IN ('
      || replace(orgs, '{rows}', 'new_rows') || ')';
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE 'UPDATE mentoring_dashboardfigures SET version = version + 1 WHERE organization_id IN ('
      || replace(orgs, '{rows}', 'old_rows') || ')';
  END IF;
  RETURN NULL;
END $$;
"""


def _triggers(table: str, orgs: str) -> tuple[str, str]:
    argument = orgs.replace("'", "''")
    create, drop = [], []
    for event, referencing in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ):
        name = f"mentoring_dashboard_{event.lower()}"
        create.append(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {referencing} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION mentoring_dashboard_touch('{argument}');"
        )
        drop.append(f"DROP TRIGGER IF EXISTS {name} ON {table};")
    return "\n".join(create), "\n".join(drop)


TRIGGERS = [_triggers(table, orgs) for table, orgs in WATCHED.items()]


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0002_shared_cache_and_rate_counters"),
        ("people", "0010_membership_roles_coordinator_and_representative"),
        ("pairs", "0005_meeting_schedule"),
        ("orders", "0003_other_kind"),
        ("roadmap", "0005_activity_occurrences_and_due"),
        ("surveys", "0002_parents_personal_links_bank_proposals"),
    ]

    operations = [
        migrations.CreateModel(
            name="DashboardFigures",
            fields=[
                (
                    "organization",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="people.organization",
                    ),
                ),
                ("data", models.JSONField(default=dict, verbose_name="показатели")),
                ("reference_day", models.DateField(null=True, verbose_name="на дату")),
                ("version", models.BigIntegerField(default=1, verbose_name="версия данных")),
                ("computed_version", models.BigIntegerField(default=0, verbose_name="версия расчёта")),
            ],
            options={
                "verbose_name": "показатели главной страницы организации",
                "verbose_name_plural": "показатели главной страницы организаций",
            },
        ),
        migrations.RunSQL(FUNCTION, "DROP FUNCTION IF EXISTS mentoring_dashboard_touch() CASCADE;"),
        *(migrations.RunSQL(create, drop) for create, drop in TRIGGERS),
    ]
