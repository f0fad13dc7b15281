"""Production settings pass Django's deployment checks; the database outage page is Russian."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory

from mentoring.middleware import DatabaseUnavailableMiddleware

S3_ENV = {
    "S3_BUCKET": "nastavnik-files",
    "S3_ENDPOINT_URL": "https://storage.example.ru",
    "S3_REGION": "ru-central1",
    "S3_ACCESS_KEY_ID": "key-id",
    "S3_SECRET_ACCESS_KEY": "secret",
}


def _production(*command: str, **extra: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-1234567890",
        "ALLOWED_HOSTS": "nastavnik.example.ru",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests of this session only
    return subprocess.run(
        [sys.executable, *command],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "extra", [{}, {**S3_ENV, "FILE_DOWNLOADS": "redirect", "CACHE_URL": "redis://cache:6379/0"}]
)
def test_check_deploy_is_clean(extra):
    result = _production("manage.py", "check", "--deploy", "--fail-level", "WARNING", **extra)
    assert result.returncode == 0, result.stdout + result.stderr


SHOW_STORAGE = """
import django
django.setup()
from django.core.files.storage import storages
s = storages["default"]
names = ["bucket_name", "endpoint_url", "region_name", "default_acl", "file_overwrite", "querystring_auth",
         "addressing_style"]
print(type(s).__name__, *(getattr(s, name) for name in names if hasattr(s, name)))
"""


def test_s3_variables_switch_the_files_to_a_private_bucket():
    result = _production("-c", SHOW_STORAGE, DJANGO_SETTINGS_MODULE="mentoring.settings", **S3_ENV)
    assert result.stdout.split() == [
        "S3Storage",
        "nastavnik-files",
        "https://storage.example.ru",
        "ru-central1",
        "None",
        "False",
        "True",
        "path",
    ], result.stderr
    result = _production("-c", SHOW_STORAGE, DJANGO_SETTINGS_MODULE="mentoring.settings", S3_BUCKET="")
    assert result.stdout.split() == ["FileSystemStorage"], result.stderr


@pytest.mark.parametrize(
    ("name", "value"), [("CACHE_URL", "memcached://cache:11211"), ("FILE_DOWNLOADS", "presigned")]
)
def test_a_wrong_value_stops_the_start_with_its_name(name, value):
    result = _production("manage.py", "check", **{name: value})
    assert result.returncode != 0
    assert f"{name}:" in result.stderr


def test_database_outage_answers_503_in_russian(db):
    def broken(request):
        raise OperationalError("server closed the connection unexpectedly")

    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = DatabaseUnavailableMiddleware(broken)(request)
    assert response.status_code == 503
    assert "Сервис временно недоступен" in response.content.decode()


def test_an_outage_seen_by_any_middleware_is_a_503_not_a_500(db):
    from django.contrib.auth.models import AnonymousUser

    from mentoring.views import server_error

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    try:
        raise OperationalError("the database system is starting up")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
