"""A people import of more than IMPORT_JOB_THRESHOLD rows is written by a background job: the
confirm answers at once with the job's card, the job writes every row in one transaction (a
failure writes nothing), once however often it runs, and only its owner sees it."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from jobs import actions as job_actions
from jobs.models import AppliedOnce, Job
from jobs.testing import queued_job_ids, run_queued_jobs
from people.import_views import SESSION_KEY, checked_path
from people.importer import STAFF_COLUMNS
from people.models import Person
from people.tests.test_import import xlsx

pytestmark = pytest.mark.django_db


def staff_rows(count: int, start: int = 0) -> list[list]:
    return [
        [
            f"Загрузкина{n:05d}",
            "Мария",
            "Петровна",
            "ж",
            f"{1 + n % 28:02d}.{1 + n % 12:02d}.19{60 + n % 40}",
            "учитель",
            "",
            n % 40,
            f"teacher{n}@school.example",
            "",
        ]
        for n in range(start, start + count)
    ]


@pytest.fixture
def curator(world, login):
    return login(world.users["curator"])


def upload(client, rows: list[list]) -> str:
    response = client.post(
        reverse("people:import_upload"),
        {"kind": "staff", "file": SimpleUploadedFile("people.xlsx", xlsx(STAFF_COLUMNS, rows))},
    )
    preview = response.context["preview"]
    assert preview is not None and preview.errors == 0, preview and preview.error_rows[:2]
    return response.context["token"]


def count(world) -> int:
    return Person.objects.filter(organization=world.org, last_name__startswith="Загрузкина").count()


def test_a_file_of_1001_rows_is_written_by_a_job_with_its_summary_on_the_card(world, curator):
    token = upload(curator, staff_rows(1001))
    response = curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    assert response.status_code == 302 and response.url == reverse("people:import_upload")
    job = Job.objects.get(kind="people_import")
    assert job.status == Job.Status.QUEUED and queued_job_ids() == [job.pk] and count(world) == 0
    page = curator.get(reverse("people:import_upload")).text
    assert f'id="job-{job.uuid}"' in page and 'hx-trigger="every 1s"' in page and "1001 строка" in page

    [job] = run_queued_jobs()
    assert job.status == Job.Status.DONE, job.error
    assert count(world) == 1001
    assert job.summary.startswith("Добавлено участников: 1001; обновлено: 0;")
    card = curator.get(reverse("jobs:status", args=[job.uuid])).text
    assert "Добавлено участников: 1001" in card and "hx-trigger" not in card
    assert "Добавлено участников: 1001" in curator.get(reverse("jobs:list")).text
    # The upload is spent: confirming it again writes nothing more.
    again = curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"}, follow=True)
    assert "уже выполнена" in again.text and count(world) == 1001 and queued_job_ids() == []


def test_at_the_threshold_the_import_stays_in_the_request(world, curator, settings):
    settings.IMPORT_JOB_THRESHOLD = 3
    token = upload(curator, staff_rows(3))
    curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    assert count(world) == 3 and not Job.objects.exists()
    token = upload(curator, staff_rows(4, start=10))
    curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    assert count(world) == 3 and Job.objects.get().kind == "people_import"


def test_valid_rows_only_writes_them_and_offers_the_rejected_rows(world, curator, settings):
    settings.IMPORT_JOB_THRESHOLD = 3
    rows = staff_rows(5)
    rows[2][4] = "31.02.1990"  # no such date
    response = curator.post(
        reverse("people:import_upload"),
        {"kind": "staff", "file": SimpleUploadedFile("people.xlsx", xlsx(STAFF_COLUMNS, rows))},
    )
    assert response.context["preview"].errors == 1
    curator.post(reverse("people:import_confirm"), {"token": response.context["token"], "mode": "valid"})
    [job] = run_queued_jobs()
    assert job.status == Job.Status.DONE and count(world) == 4
    assert "не записано строк с ошибками: 1" in job.summary and job.filename == "ошибки-загрузки.xlsx"
    download = curator.get(reverse("jobs:download", args=[job.uuid]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert any("31.02.1990" in str(cell.value) for row in sheet.iter_rows() for cell in row)


def _spoil_last_row(token: str) -> None:
    """A row the database refuses when written (the check passed: the file changed since, say)."""
    path = checked_path(token)
    with default_storage.open(path, "rb") as handle:
        data = json.loads(handle.read())
    data["rows"][-1]["values"]["experience_years"] = 99  # person_experience_sane: at most 70
    default_storage.delete(path)
    default_storage.save(path, ContentFile(json.dumps(data, ensure_ascii=False).encode()))


def test_a_failing_row_rolls_back_every_row_and_offers_a_retry(world, curator, settings):
    settings.IMPORT_JOB_THRESHOLD = 3
    token = upload(curator, staff_rows(1200))
    curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    _spoil_last_row(token)  # in the third chunk: two chunks were written before it fails
    [job] = run_queued_jobs()
    assert job.status == Job.Status.FAILED and "ничего не записано" in job.error
    assert count(world) == 0 and not AppliedOnce.objects.exists()
    card = curator.get(reverse("jobs:status", args=[job.uuid])).text
    assert "База данных отклонила одну из строк" in card and "Повторить" in card


def test_running_the_job_twice_writes_once(world, curator, settings):
    settings.IMPORT_JOB_THRESHOLD = 3
    token = upload(curator, staff_rows(6))
    curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    [job] = run_queued_jobs()
    assert count(world) == 6
    # A worker that died after the commit but before recording the job: the queue runs it again.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    job = job_actions.job_execute(job.pk)
    assert job.status == Job.Status.DONE and count(world) == 6
    assert job.summary.startswith("Уже выполнено") and "Добавлено участников: 6" in job.summary
    # The same preview started twice (a second job for it): the second writes nothing either.
    twin = job_actions.job_start(
        actor=world.users["curator"],
        organization=world.org,
        kind="people_import",
        title="Повтор",
        parameters=job.parameters,
    )
    [twin] = run_queued_jobs()
    assert twin.status == Job.Status.DONE and count(world) == 6 and AppliedOnce.objects.count() == 1


def test_another_organizations_user_or_another_user_gets_404(world, curator, login, settings):
    settings.IMPORT_JOB_THRESHOLD = 3
    token = upload(curator, staff_rows(4))
    curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    [job] = run_queued_jobs()
    for user in (world.other_curator, world.users["director"]):
        client = login(user)
        for name in ("jobs:status", "jobs:download"):
            assert client.get(reverse(name, args=[job.uuid])).status_code == 404
        assert client.post(reverse("jobs:retry", args=[job.uuid])).status_code == 404
        assert "Загрузка участников" not in client.get(reverse("jobs:list")).text


def test_a_mentor_cannot_start_the_import_job(world, login, settings):
    settings.IMPORT_JOB_THRESHOLD = 3
    client = login(world.users["mentor"])
    session = client.session
    session[SESSION_KEY] = {"token": "x" * 32, "kind": "staff", "organization": world.org.pk, "mapping": {}}
    session.save()
    assert client.post(reverse("people:import_confirm"), {"token": "x" * 32}).status_code in (403, 404)
    assert not Job.objects.exists()


def test_the_write_takes_a_bounded_number_of_queries(world, curator, settings, django_assert_max_num_queries):
    """New rows and rows already in the registry (updated): a few queries per chunk of 500 rows."""
    settings.IMPORT_JOB_THRESHOLD = 3
    existing = staff_rows(600)
    token = upload(curator, existing)
    curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    run_queued_jobs()
    changed = [[*row[:5], "учитель математики", *row[6:]] for row in existing]
    token = upload(curator, changed + staff_rows(1500, start=600))
    curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    [job_id] = queued_job_ids()
    # 2,100 rows: one query per row would be over 2,000; per chunk of 500 it stays under 40.
    with django_assert_max_num_queries(40):
        job = job_actions.job_execute(job_id)
    assert job.status == Job.Status.DONE, job.error
    assert count(world) == 2100
    updated = Person.objects.filter(organization=world.org, last_name__startswith="Загрузкина")
    assert updated.filter(position="учитель математики").count() == 600
    assert "Добавлено участников: 1500; обновлено: 600" in job.summary


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_outside_while_the_rows_are_not(world, curator, settings, monkeypatch):
    """What another request (the polled card) sees during the write: the rows done so far, and
    none of the rows, which appear together at the commit."""
    from django.db import connections

    from jobs.actions import ProgressReporter

    settings.IMPORT_JOB_THRESHOLD = 3
    monkeypatch.setattr("people.actions.IMPORT_CHUNK", 2)
    seen = []
    report = ProgressReporter.__call__

    def watched(self, percent, step=""):
        self.interval = 0  # every report written
        report(self, percent, step)
        side = connections.create_connection("default")
        try:
            with side.cursor() as cursor:
                cursor.execute("SELECT step FROM jobs_job WHERE id = %s", [self.job.pk])
                step_seen = cursor.fetchone()[0]
                cursor.execute("SELECT count(*) FROM people_person WHERE last_name LIKE 'Загрузкина%%'")
                seen.append((step_seen, cursor.fetchone()[0]))
        finally:
            side.close()

    monkeypatch.setattr(ProgressReporter, "__call__", watched)
    token = upload(curator, staff_rows(6))
    curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    [job] = run_queued_jobs()
    assert job.status == Job.Status.DONE, job.error
    assert ("Записано строк: 2 из 6", 0) in seen and ("Записано строк: 4 из 6", 0) in seen
    assert count(world) == 6


def test_a_new_upload_leaves_the_file_of_a_queued_job(world, curator, settings):
    settings.IMPORT_JOB_THRESHOLD = 3
    token = upload(curator, staff_rows(5))
    curator.post(reverse("people:import_confirm"), {"token": token, "mode": "all"})
    upload(curator, staff_rows(2, start=100))  # the next file, before the worker took the job
    [job] = run_queued_jobs()
    assert job.status == Job.Status.DONE, job.error
    assert count(world) == 5
