from __future__ import annotations

import pytest


@pytest.fixture
def world(db):
    from mentoring.tests.world import build_world

    return build_world()


@pytest.fixture
def login(client):
    """`login(user)` logs the test client in as `user` (bypassing django-axes' request check)."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # PBKDF2 at production strength costs ~0.3 s per user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _plain_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
