"""Production settings pass Django's deployment checks; the database outage page is Russian."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory

from mentoring.middleware import DatabaseUnavailableMiddleware


def test_check_deploy_is_clean():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-1234567890",
        "ALLOWED_HOSTS": "nastavnik.example.ru",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests of this session only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


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
