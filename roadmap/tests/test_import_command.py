"""manage.py import_roadmap: JSON output, dry run, saving with people matched, errors."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from people.tests.factories import OrganizationFactory, PersonFactory
from roadmap.models import Activity, Roadmap

SAMPLE = "/work/shared/samples/ddt-ermak-2023-2024.docx"
EXPECTED = Path(__file__).parent / "data" / "ddt-ermak-2023-2024.json"


def run(*args) -> str:
    out = StringIO()
    call_command("import_roadmap", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_the_json_shape_and_writes_nothing(db):
    OrganizationFactory(slug="ermak")
    output = run(SAMPLE, "--organization", "ermak", "--year", "2023/2024", "--dry-run", "--format", "json")
    assert json.loads(output) == json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert not Roadmap.objects.exists()


def test_import_saves_a_draft_and_matches_staff_by_surname_and_initials(db):
    org = OrganizationFactory(slug="ermak")
    nechesova = PersonFactory(
        organization=org, last_name="Нечесова", first_name="Анна", middle_name="Андреевна"
    )
    PersonFactory(organization=org, last_name="Нечесова", first_name="Ольга", middle_name="Андреевна")
    output = run(SAMPLE, "--organization", "ermak", "--year", "2023/2024")
    roadmap = Roadmap.objects.get(organization=org)
    assert roadmap.status == Roadmap.Status.DRAFT
    assert (roadmap.order_number, str(roadmap.order_date), roadmap.protocol_number) == (
        "231",
        "2023-09-01",
        "1",
    )
    assert roadmap.stages.count() == 7
    first = Activity.objects.get(stage__roadmap=roadmap, number="1.1")
    assert list(first.responsible.all()) == [nechesova]
    # Nobody is called Яковенко here: the name stays as written.
    assert first.roles_list == ["Яковенко И.А."]
    assert "«Яковенко И.А.» не найден среди сотрудников" in output


def test_unknown_organization_and_bad_year_are_clear_errors(db):
    OrganizationFactory(slug="ermak")
    with pytest.raises(CommandError, match="не найдена"):
        run(SAMPLE, "--organization", "nope", "--year", "2023/2024")
    with pytest.raises(CommandError, match="не распознан"):
        run(SAMPLE, "--organization", "ermak", "--year", "2023")


def test_not_docx_file_is_refused_and_nothing_written(db, tmp_path):
    OrganizationFactory(slug="ermak")
    fake = tmp_path / "roadmap.docx"
    fake.write_bytes(b"plain text pretending to be Word")
    with pytest.raises(CommandError, match="не является документом Word"):
        run(str(fake), "--organization", "ermak", "--year", "2023/2024")
    assert not Roadmap.objects.exists()
