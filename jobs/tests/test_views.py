"""«Мои файлы» per role: starting from a page, the list, the polled card, retry and download."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job
from jobs.testing import run_queued_jobs
from jobs.tests.factories import finished_job

pytestmark = pytest.mark.django_db

FILES = "/files/"


def test_starting_an_export_answers_at_once_with_the_polled_card(world, login):
    client = login(world.users["curator"])
    response = client.post(reverse("statistics:export", args=["form"]), HTTP_HX_REQUEST="true")
    job = Job.objects.get()
    assert response.status_code == 200 and job.status == Job.Status.QUEUED
    html = response.text
    assert f'hx-get="{reverse("jobs:status", args=[job.uuid])}?compact=1"' in html
    assert 'hx-trigger="every 1s"' in html and 'aria-valuenow="0"' in html and "В очереди" in html


def test_without_htmx_the_start_lands_on_my_files(world, login):
    client = login(world.users["director"])
    response = client.post(reverse("statistics:export", args=["form"]), follow=True)
    assert response.redirect_chain[-1][0] == FILES
    assert "Форма статистического наблюдения" in response.text and "готовится" in response.text


def test_finished_card_stops_polling_and_offers_the_download(world, login):
    client = login(world.users["curator"])
    client.post(reverse("statistics:export", args=["form"]))
    [job] = run_queued_jobs()
    html = client.get(reverse("jobs:status", args=[job.uuid])).text
    assert "hx-trigger" not in html and "Скачать" in html
    assert reverse("jobs:download", args=[job.uuid]) in html


def test_failed_card_shows_the_message_and_retry_requeues(world, login):
    job = finished_job(world.users["curator"], world.org)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error="За этот год данных нет.")
    client = login(world.users["curator"])
    html = client.get(reverse("jobs:status", args=[job.uuid])).text
    assert "За этот год данных нет." in html and "Повторить" in html
    response = client.post(reverse("jobs:retry", args=[job.uuid]), HTTP_HX_REQUEST="true")
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and 'hx-trigger="every 1s"' in response.text
    [job] = run_queued_jobs()
    assert job.status == Job.Status.DONE


def test_owner_downloads_the_file_with_its_russian_name(world, login):
    job = finished_job(world.users["curator"], world.org, content=b"PK-data")
    response = login(world.users["curator"]).get(reverse("jobs:download", args=[job.uuid]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK-data"
    assert unquote(response["Content-Disposition"]).endswith("Форма.xlsx")


@pytest.mark.parametrize("role", ["director", "admin", "mentor"])
def test_another_user_of_the_school_gets_404(world, login, role):
    job = finished_job(world.users["curator"], world.org)
    client = login(world.users[role])
    for name in ("jobs:download", "jobs:status"):
        assert client.get(reverse(name, args=[job.uuid])).status_code == 404
    assert client.post(reverse("jobs:retry", args=[job.uuid])).status_code == 404


def test_curator_of_other_school_gets_404(world, login):
    job = finished_job(world.users["curator"], world.org)
    assert login(world.other_curator).get(reverse("jobs:download", args=[job.uuid])).status_code == 404


def test_owner_who_lost_the_permission_gets_404(world, login):
    """A file of two schools stays behind the same check as the export: every school still readable."""
    job = finished_job(world.users["curator"], world.org)
    job.parameters = {**job.parameters, "organizations": [world.org.pk, world.other_org.pk]}
    job.save()
    assert login(world.users["curator"]).get(reverse("jobs:download", args=[job.uuid])).status_code == 404


def test_expired_file_is_not_served(world, login):
    job = finished_job(world.users["curator"], world.org)
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = login(world.users["curator"])
    assert client.get(reverse("jobs:download", args=[job.uuid])).status_code == 404
    assert "Срок хранения файла истёк" in client.get(FILES).text


def test_list_shows_only_own_jobs(world, login):
    finished_job(world.users["curator"], world.org, title="Моя выгрузка")
    finished_job(world.users["director"], world.org, title="Выгрузка руководителя")
    html = login(world.users["curator"]).get(FILES).text
    assert "Моя выгрузка" in html and "Выгрузка руководителя" not in html


def test_list_query_count_does_not_grow_with_jobs(world, login, django_assert_max_num_queries):
    client = login(world.users["curator"])
    finished_job(world.users["curator"], world.org)
    client.get(FILES)
    with CaptureQueriesContext(connection) as small:
        client.get(FILES)
    for _ in range(8):
        finished_job(world.users["curator"], world.org)
    with django_assert_max_num_queries(len(small)):
        assert client.get(FILES).status_code == 200


def test_header_shows_my_files_to_every_role(world, login):
    for role in ("admin", "director", "curator", "mentor", "mentee"):
        assert 'href="/files/"' in login(world.users[role]).get(reverse("dashboard")).text, role
