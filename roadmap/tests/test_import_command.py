"""manage.py import_roadmap: JSON output, dry run, saving with people matched, errors, the actor
in the history."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mentoring.lib.actions import SYSTEM_USERNAME
from people.models import User
from people.tests.factories import OrganizationFactory, PersonFactory, make_member
from roadmap.models import Activity, ActivityEvent, Roadmap

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


def _history_users(roadmap: Roadmap) -> set[str]:
    events = ActivityEvent.objects.filter(stage__roadmap=roadmap).select_related("pgh_context")
    return {(e.pgh_context.metadata["user"], e.pgh_context.metadata["username"]) for e in events}


def test_the_history_names_the_user_given_with_actor(db):
    org = OrganizationFactory(slug="ermak")
    curator = make_member(org, "curator", username="curator")
    run(SAMPLE, "--organization", "ermak", "--year", "2023/2024", "--actor", "curator")
    assert _history_users(Roadmap.objects.get(organization=org)) == {(curator.pk, "curator")}


def test_without_actor_the_history_names_the_system_user(db):
    org = OrganizationFactory(slug="ermak")
    run(SAMPLE, "--organization", "ermak", "--year", "2023/2024")
    system = User.objects.get(username=SYSTEM_USERNAME)
    assert _history_users(Roadmap.objects.get(organization=org)) == {(system.pk, "system")}


def test_an_unknown_actor_is_a_clear_error_and_nothing_is_saved(db):
    OrganizationFactory(slug="ermak")
    with pytest.raises(CommandError, match="Пользователь «nobody» не найден"):
        run(SAMPLE, "--organization", "ermak", "--year", "2023/2024", "--actor", "nobody")
    assert not Roadmap.objects.exists()
