"""Two application servers on one database: a session started on one works on the other, a rate
limit counts the requests of both, the cache is one."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

from mentoring.tests.live import database_url, free_port, gunicorn


def _opener(jar):
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


@pytest.mark.django_db(transaction=True)
def test_session_from_one_instance_works_on_the_other(settings):
    from mentoring.tests.world import build_world

    # The servers run with production password hashers, not the fast one of the test settings.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    world = build_world()
    world.users["curator"].set_password("pass-Word-123")
    world.users["curator"].save()
    jar = http.cookiejar.CookieJar()
    with gunicorn(free_port()) as first, gunicorn(free_port()) as second:
        opener = _opener(jar)
        page = opener.open(first + "/accounts/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {"username": "curator", "password": "pass-Word-123", "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(first + "/accounts/login/", data=data, headers={"Referer": first})
        opener.open(request)
        # Cookies are per host name, not per port: the same jar is sent to the second instance.
        html = opener.open(second + "/").read().decode()
        assert "Участники организации" in html
        assert "Школа А" in html
        html = opener.open(second + "/people/").read().decode()
        assert "Реестр участников" in html


def _csrf(opener, url: str) -> str:
    page = opener.open(url).read().decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.mark.django_db(transaction=True)
def test_password_reset_limit_is_counted_once_for_both_instances(world, settings, tmp_path):
    user = world.users["curator"]
    user.email = "kurator@example.ru"
    user.set_password("pass-Word-123")
    user.save()
    mail_dir = tmp_path / "mail"
    env = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "PASSWORD_RESET_LIMIT_PER_EMAIL": "3",
    }
    with gunicorn(free_port(), extra_env=env) as first, gunicorn(free_port(), extra_env=env) as second:
        for server in (first, second) * 3:
            opener = _opener(http.cookiejar.CookieJar())
            url = server + "/accounts/password/reset/"
            data = urllib.parse.urlencode({"email": user.email, "csrfmiddlewaretoken": _csrf(opener, url)})
            opener.open(urllib.request.Request(url, data=data.encode(), headers={"Referer": server}))
    sent = sum(path.read_text().count("Subject:") for path in mail_dir.iterdir())
    # A limit kept per process would have let each instance send three.
    assert sent == 3


COUNT_IN_A_PROCESS = """
import os, sys, time
import django

django.setup()
from mentoring.lib import ratelimit

time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
print(sum(ratelimit.allow("scale-out-test", "one-key", limit=150, period=3600) for _ in range(100)))
"""


@pytest.mark.django_db(transaction=True)
def test_two_processes_counting_at_once_lose_no_event():
    from mentoring.models import RateCounter

    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "mentoring.settings"}
    start = str(time.time() + 4)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", COUNT_IN_A_PROCESS, start],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    allowed = [int(process.communicate(timeout=120)[0]) for process in processes]
    assert sum(allowed) == 150
    assert RateCounter.objects.get().count == 200


@pytest.mark.django_db(transaction=True)
def test_the_default_cache_is_shared_through_the_database(settings):
    from django.core.cache import caches
    from django.db import connections

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
    }
    caches["default"].set("scale-out", "written by one server", 60)

    seen = []

    def other_server():
        # Another thread has its own connection: as another process would.
        seen.append(caches["default"].get("scale-out"))
        connections.close_all()

    thread = threading.Thread(target=other_server)
    thread.start()
    thread.join()
    caches["default"].delete("scale-out")
    assert seen == ["written by one server"]
