"""Two application servers on one database: a session started on one works on the other."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request

import pytest

from mentoring.tests.live import free_port, gunicorn


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
