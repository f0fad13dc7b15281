"""Password reset is limited per e-mail address and per client address: the page stays the same,
the mails stop."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.fixture(autouse=True)
def _limits(settings, db):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 5
    settings.TRUSTED_PROXIES = ["10.0.0.2"]


def _ask(client, email, remote="198.51.100.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=remote)


def _users_with_email(world, n):
    emails = []
    for i, role in enumerate(["curator", "director", "mentor", "mentee", "admin"][:n]):
        user = world.users[role]
        user.email = f"user{i}@example.ru"
        user.save()
        emails.append(user.email)
    return emails


def test_ten_requests_for_one_address_send_three_mails(client, world, mailoutbox):
    (email,) = _users_with_email(world, 1)
    responses = [_ask(client, email, remote=f"203.0.113.{n}") for n in range(10)]
    assert all(r.status_code == 302 and r.url == reverse("password_reset_done") for r in responses)
    assert len(mailoutbox) == 3


def test_one_client_cannot_send_more_than_its_limit_to_many_addresses(client, world, mailoutbox):
    emails = _users_with_email(world, 5)
    for _ in range(2):
        for email in emails:
            _ask(client, email)
    assert len(mailoutbox) == 5
    # Another client still gets its mail.
    world.users["curator"].email = "fresh@example.ru"
    world.users["curator"].save()
    _ask(client, "fresh@example.ru", remote="203.0.113.50")
    assert len(mailoutbox) == 6


def test_the_address_is_counted_whatever_its_case(client, world, mailoutbox):
    (email,) = _users_with_email(world, 1)
    for variant in (email, email.upper(), f" {email} ", email.title()):
        _ask(client, variant, remote=f"203.0.113.{len(variant)}")
    assert len(mailoutbox) == 3
