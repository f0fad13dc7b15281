"""The standard reference lists (people/reference.py); the admin may edit them later."""

from django.db import migrations

from people.reference import ensure_reference_lists


def create(apps, schema_editor):
    ensure_reference_lists(
        apps.get_model("people", "MentoringForm"),
        apps.get_model("people", "MentoringType"),
        apps.get_model("people", "Competency"),
    )


class Migration(migrations.Migration):
    dependencies = [("people", "0002_banks_and_consents")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
