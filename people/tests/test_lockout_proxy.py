"""Lockout behind the reverse proxy: the client's address comes from X-Forwarded-For only when
the request comes from a trusted proxy, and a lockout holds for one username at one address."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentoring.lib.client_ip import client_ip, is_trusted_proxy

PROXY = "10.0.0.2"
GOOD = "pass-Word-123"


@pytest.fixture(autouse=True)
def _axes_behind_proxy(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


def _login(client, username, password, *, remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def _fail_five_times(client, **where):
    # The fifth failure is answered with the lockout page already.
    statuses = [_login(client, "director", "wrong", **where).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_clients_behind_the_trusted_proxy_do_not_share_a_lockout(client, world):
    _fail_five_times(client, forwarded="198.51.100.7")
    assert _login(client, "director", GOOD, forwarded="198.51.100.7").status_code == 429
    # The director at another address, through the same proxy, logs in.
    assert _login(client, "director", GOOD, forwarded="203.0.113.5").status_code == 302


def test_five_wrong_passwords_from_one_address_do_not_lock_the_user_at_another(client, world):
    _fail_five_times(client, remote="198.51.100.7")
    assert _login(client, "director", GOOD, remote="198.51.100.7").status_code == 429
    assert _login(client, "director", GOOD, remote="203.0.113.5").status_code == 302


def test_an_untrusted_sender_cannot_choose_its_address_with_the_header(client, world):
    # Each attempt claims a new address; the lockout still counts the real one.
    for n in range(5):
        _login(client, "director", "wrong", remote="198.51.100.7", forwarded=f"203.0.113.{n}")
    assert (
        _login(client, "director", GOOD, remote="198.51.100.7", forwarded="203.0.113.99").status_code == 429
    )


def test_a_client_cannot_prepend_an_address_through_the_proxy(client, world):
    # nginx appends the real address after whatever the client sent: only the last one counts.
    for n in range(5):
        _login(client, "director", "wrong", forwarded=f"203.0.113.{n}, 198.51.100.7")
    assert _login(client, "director", GOOD, forwarded="203.0.113.99, 198.51.100.7").status_code == 429
    assert _login(client, "director", GOOD, forwarded="198.51.100.8").status_code == 302


def test_the_address_is_read_as_documented(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert is_trusted_proxy("10.0.0.2") and not is_trusted_proxy("10.0.0.3") and not is_trusted_proxy(None)
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="garbage")) == "10.0.0.2"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.9"
    settings.TRUSTED_PROXIES = []
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.2"
