"""Start gunicorn against the test database, for tests of what runs across processes."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection


def database_url() -> str:
    db = connection.settings_dict
    host = quote(db["HOST"] or "localhost", safe="")
    auth = db["USER"] + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(port: int, *, workers: int = 1, extra_env: dict | None = None):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "shared-secret-key-of-the-cluster-" + "x" * 30,
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        **(extra_env or {}),
    }
    gunicorn_bin = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn_bin), "mentoring.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2)  # noqa: S310 — loopback
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
