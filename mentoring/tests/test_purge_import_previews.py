"""`manage.py purge_import_previews`: previews left for a day lose their file and their session
data; fresh ones stay."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from people.tests.test_import import STAFF_COLUMNS, STAFF_ROWS, xlsx
from roadmap.tests.docx_builder import build_docx

pytestmark = pytest.mark.django_db

ROADMAP = build_docx(
    [
        ["№", "Наименование этапа", "Содержание деятельности", "Сроки", "Ответственный"],
        ["1", "Подготовка условий", "Издать приказ", "сентябрь 2024", "Директор"],
    ]
)


def _previews(client):
    response = client.post(
        reverse("people:import_upload"),
        {"kind": "staff", "file": SimpleUploadedFile("p.xlsx", xlsx(STAFF_COLUMNS, STAFF_ROWS))},
    )
    token = response.context["token"]
    assert token
    response = client.post(
        reverse("roadmap:roadmap_import"), {"file": SimpleUploadedFile("r.docx", ROADMAP), "year": "2024"}
    )
    assert response.status_code == 302, response.context["form"].errors
    return token


def _age(client, token, hours):
    session = client.session
    past = (timezone.now() - timedelta(hours=hours)).isoformat()
    for key in ("people_import", "roadmap_import"):
        data = session[key]
        data["created"] = past
        session[key] = data
    session.save()
    stamp = time.time() - hours * 3600
    for path in _files(token):
        os.utime(default_storage.path(path), (stamp, stamp))


def _files(token) -> list[str]:
    """The stored files of a people-import preview (the table read, and the rows checked)."""
    return [f"imports/{name}" for name in default_storage.listdir("imports")[1] if name.startswith(token)]


def _purge() -> str:
    out = StringIO()
    call_command("purge_import_previews", stdout=out)
    return out.getvalue()


def test_fresh_previews_are_kept(world, login):
    client = login(world.users["curator"])
    token = _previews(client)
    _age(client, token, 23)
    kept = _files(token)
    assert kept and "Удалено файлов: 0; очищено сессий: 0." in _purge()
    assert _files(token) == kept
    assert {"people_import", "roadmap_import"} <= set(client.session.keys())


def test_previews_older_than_a_day_are_deleted_and_cannot_be_confirmed(world, login):
    client = login(world.users["curator"])
    token = _previews(client)
    _age(client, token, 25)
    files = _files(token)
    assert files and f"Удалено файлов: {len(files)}; очищено сессий: 1." in _purge()
    assert _files(token) == []
    session = Session.objects.get().get_decoded()
    assert "people_import" not in session and "roadmap_import" not in session
    assert "_auth_user_id" in session  # still logged in
    response = client.post(reverse("people:import_confirm"), {"token": token}, follow=True)
    assert "Загрузка устарела" in response.text
