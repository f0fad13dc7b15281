"""`make backup` and `make restore`: back up the database and the stored files, wipe, restore,
compare — on the local disk and in an S3 bucket."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from people.models import Consent, LegalRepresentative, Person
from people.tests.factories import ConsentFactory, PersonFactory, RepresentativeFactory

SCAN = b"%PDF-1.4\n" + bytes(range(256)) * 40


def _url() -> str:
    db = connection.settings_dict
    host = quote(db["HOST"] or "localhost", safe="")
    auth = db["USER"] + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def _run(*args, backup_dir, storage_env=None):
    env = {
        **os.environ,
        "DATABASE_URL": _url(),
        "BACKUP_DIR": str(backup_dir),
        "BACKUP_KEEP": "2",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **(storage_env or {}),
    }
    if not storage_env:
        env.pop("S3_BUCKET", None)
    return subprocess.run(
        ["scripts/backup.sh", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _backup_wipe_restore(tmp_path, storage_env=None):
    for _ in range(3):
        RepresentativeFactory(student=PersonFactory(kind="student", last_name="Орлов"))
    consent = ConsentFactory()
    consent.scan.save("scan.pdf", ContentFile(SCAN), save=True)
    name = consent.scan.name
    before = sorted(Person.objects.values_list("uuid", "last_name", "first_name"))
    result = _run("backup", backup_dir=tmp_path, storage_env=storage_env)
    assert result.returncode == 0, result.stderr
    archive = result.stdout.strip()
    with tarfile.open(archive) as tar:
        assert {"database.dump", f"files/{name}"} <= set(tar.getnames())

    # The data is wiped; the file is both lost and overwritten.
    LegalRepresentative.objects.all().delete()
    Consent.objects.all().delete()
    Person.objects.all().delete()
    default_storage.delete(name)
    assert Person.objects.count() == 0 and not default_storage.exists(name)
    default_storage.save(name, ContentFile(b"something else"))

    result = _run("restore", archive, backup_dir=tmp_path, storage_env=storage_env)
    assert result.returncode == 0, result.stderr
    connection.close()
    assert sorted(Person.objects.values_list("uuid", "last_name", "first_name")) == before
    assert LegalRepresentative.objects.count() == 3
    restored = Consent.objects.get(pk=consent.pk)
    assert restored.scan.name == name
    with restored.scan.open("rb") as handle:
        assert handle.read() == SCAN


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_the_same_data_and_files(tmp_path):
    _backup_wipe_restore(tmp_path)
    assert (settings.MEDIA_ROOT / Consent.objects.get().scan.name).read_bytes() == SCAN


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_of_the_files_in_an_s3_bucket(tmp_path, s3_storage):
    _backup_wipe_restore(tmp_path, storage_env=s3_storage["env"])
    name = Consent.objects.get().scan.name
    stored = s3_storage["client"].get_object(Bucket=s3_storage["bucket"], Key=name)["Body"].read()
    assert stored == SCAN
    assert not (settings.MEDIA_ROOT / name).exists()


@pytest.mark.django_db(transaction=True)
def test_rotation_keeps_the_newest(tmp_path):
    old = ("mentoring-20200101-000000.dump", "mentoring-20200102-000000.tar")
    for age, name in enumerate(old, start=1):
        (tmp_path / name).write_bytes(b"old")
        os.utime(tmp_path / name, (age * 1000, age * 1000))
    result = _run("backup", backup_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("mentoring-*")) == [
        "mentoring-20200102-000000.tar",
        os.path.basename(result.stdout.strip()),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_plain_dump_of_an_earlier_version_still_restores_the_database(tmp_path):
    PersonFactory(last_name="Прежняя")
    dump = tmp_path / "mentoring-20250101-000000.dump"
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", _url()], check=True)
    Person.objects.all().delete()
    result = _run("restore", str(dump), backup_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    connection.close()
    assert Person.objects.get().last_name == "Прежняя"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "x.tar"
    bogus.write_text("not a dump")
    result = _run("restore", str(bogus), backup_dir=tmp_path)
    assert result.returncode != 0
    assert "is not a backup" in result.stderr


def test_restore_files_refuses_a_name_outside_the_storage_and_writes_nothing(tmp_path, settings):
    from django.core.management import CommandError, call_command

    archive = tmp_path / "evil.tar"
    with tarfile.open(archive, "w") as tar:
        for name in ("files/consents/ok.pdf", "files/../outside.txt"):
            info = tarfile.TarInfo(name)
            info.size = 3
            tar.addfile(info, io.BytesIO(b"bad"))
    with pytest.raises(CommandError, match="за пределы хранилища"):
        call_command("restore_files", str(archive), verbosity=0)
    assert not (settings.MEDIA_ROOT.parent / "outside.txt").exists()
    assert not (settings.MEDIA_ROOT / "consents" / "ok.pdf").exists()
