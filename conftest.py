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
def _reference_lists(request):
    """Forms, kinds and competencies come from a data migration; the flush after a transactional
    test removes them, so every test that uses the database gets them back when they are missing."""
    db_fixtures = {"db", "transactional_db", "live_server"}
    if not (request.node.get_closest_marker("django_db") or db_fixtures & set(request.fixturenames)):
        return
    request.getfixturevalue("_django_db_helper")
    from people.models import MentoringForm
    from people.reference import ensure_reference_lists

    if not MentoringForm.objects.exists():
        ensure_reference_lists()


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


# Browser tests: pytest-playwright drives the system Chromium against pytest-django's live server.
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    }


def pytest_collection_modifyitems(config, items):
    import os

    if os.path.exists(CHROMIUM):
        # Playwright's sync API keeps an event loop running in the test thread; the ORM calls the
        # tests make there are still synchronous.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return
    skip = pytest.mark.skip(reason="Chromium is not installed (scripts/browser.sh installs it)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
