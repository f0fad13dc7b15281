"""Login in Russian, throttling of failed attempts, landing on the dashboard."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def test_login_page_is_in_russian(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert "Имя пользователя" in html and "Войти" in html


def test_valid_login_lands_on_dashboard(client, world):
    response = client.post(
        reverse("login"), {"username": "curator", "password": "pass-Word-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Школа А" in response.content.decode()


def test_wrong_password_shows_russian_error(client, world):
    response = client.post(reverse("login"), {"username": "curator", "password": "wrong"})
    assert response.status_code == 200
    assert "Пожалуйста, введите правильные имя пользователя и пароль" in response.content.decode()


def test_repeated_failures_lock_the_account_out(client, world):
    for _ in range(3):
        client.post(reverse("login"), {"username": "curator", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "curator", "password": "pass-Word-123"})
    assert response.status_code == 429
    assert "Вход временно заблокирован" in response.content.decode()
    # Another username from the same address is not locked.
    response = client.post(reverse("login"), {"username": "director", "password": "pass-Word-123"})
    assert response.status_code == 302


def test_each_demo_role_lands_on_its_dashboard(world, login):
    expectations = {
        "admin": "Организации",
        "director": "Участники организации",
        "curator": "Участники организации",
        "mentor": "Моя карточка",
        "mentee": "Моя карточка",
    }
    for role, panel in expectations.items():
        client = login(world.users[role])
        html = client.get(reverse("dashboard")).content.decode()
        assert panel in html, role
        client.logout()


def test_user_without_roles_is_told_so(client, db):
    from people.tests.factories import UserFactory

    client.force_login(UserFactory(), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("dashboard"))
    assert response.status_code == 403
    assert "не назначена ни одна роль" in response.content.decode()


def test_django_admin_is_for_the_admin_role_only(world, login):
    assert login(world.users["admin"]).get("/admin/").status_code == 200
    client = login(world.users["director"])
    assert client.get("/admin/").status_code == 302  # to the admin login, which refuses them


def test_password_reset_sends_a_russian_email(client, world, mailoutbox):
    world.users["curator"].email = "curator@example.ru"
    world.users["curator"].save()
    client.post(reverse("password_reset"), {"email": "curator@example.ru"})
    assert len(mailoutbox) == 1
    assert "смена пароля" in mailoutbox[0].subject.lower()
