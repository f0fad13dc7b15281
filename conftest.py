from __future__ import annotations

import os

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
def _process_cache(settings):
    # The shared cache of production is a database table; tests keep theirs in the process, so that
    # no rendering cached by one test run is found by the next one on the reused database.
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


@pytest.fixture(scope="session")
def s3_server():
    """An S3 API on loopback: moto in server mode, for the tests that opt in through `s3_storage`.
    boto3 gets dummy keys and no profile, so nothing can reach a real store."""
    from moto.server import ThreadedMotoServer

    from mentoring.tests.live import free_port

    dummy = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",  # noqa: S105 — moto accepts any key
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    saved = {name: os.environ.get(name) for name in [*dummy, "AWS_PROFILE", "AWS_ENDPOINT_URL"]}
    os.environ.update(dummy)
    os.environ.pop("AWS_PROFILE", None)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture
def s3_storage(s3_server, settings):
    """The default storage is a fresh bucket of the loopback S3 server, configured as production
    configures it from S3_* variables; returns the storage's settings (bucket, endpoint, keys)."""
    import uuid

    import boto3

    bucket = f"test-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=bucket)
    env = {
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": s3_server,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
    }
    options = _s3_options_from(env)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    return {"env": env, "client": client, "bucket": bucket, "endpoint": s3_server}


def _s3_options_from(env: dict) -> dict:
    """The options production derives from these S3_* variables (mentoring.settings._s3_options)."""
    from unittest import mock

    from mentoring import settings as project_settings

    with mock.patch.dict(os.environ, env):
        return project_settings._s3_options(env["S3_BUCKET"])


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
    if os.path.exists(CHROMIUM):
        # Playwright's sync API keeps an event loop running in the test thread; the ORM calls the
        # tests make there are still synchronous.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return
    skip = pytest.mark.skip(reason="Chromium is not installed (scripts/browser.sh installs it)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
