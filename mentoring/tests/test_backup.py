"""`make backup` and `make restore`: back up, wipe, restore, compare."""

from __future__ import annotations

import os
import subprocess
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from people.models import LegalRepresentative, Person
from people.tests.factories import PersonFactory, RepresentativeFactory


def _url() -> str:
    db = connection.settings_dict
    host = quote(db["HOST"] or "localhost", safe="")
    auth = db["USER"] + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def _run(*args, backup_dir):
    env = {**os.environ, "DATABASE_URL": _url(), "BACKUP_DIR": str(backup_dir), "BACKUP_KEEP": "2"}
    return subprocess.run(
        ["scripts/backup.sh", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_the_same_data(tmp_path):
    for _ in range(3):
        RepresentativeFactory(student=PersonFactory(kind="student", last_name="Орлов"))
    before = sorted(Person.objects.values_list("uuid", "last_name", "first_name"))
    result = _run("backup", backup_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    dump = result.stdout.strip()

    LegalRepresentative.objects.all().delete()
    Person.objects.all().delete()
    assert Person.objects.count() == 0

    result = _run("restore", dump, backup_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    connection.close()
    assert sorted(Person.objects.values_list("uuid", "last_name", "first_name")) == before
    assert LegalRepresentative.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_rotation_keeps_the_newest(tmp_path):
    for age, name in enumerate(("mentoring-20200101-000000.dump", "mentoring-20200102-000000.dump"), start=1):
        (tmp_path / name).write_bytes(b"old")
        os.utime(tmp_path / name, (age * 1000, age * 1000))
    result = _run("backup", backup_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("mentoring-*.dump"))) == 2
    assert not (tmp_path / "mentoring-20200101-000000.dump").exists()


def test_restore_refuses_a_file_that_is_not_a_dump(tmp_path):
    bogus = tmp_path / "x.dump"
    bogus.write_text("not a dump")
    result = _run("restore", str(bogus), backup_dir=tmp_path)
    assert result.returncode != 0
    assert "not a pg_dump archive" in result.stderr
