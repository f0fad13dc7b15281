"""`make loadtest`: a bounded load run against gunicorn on loopback, with a PostgreSQL restart in the
middle. Reports throughput, p50/p95, errors, the outage and the recovery, and checks that every
write the server acknowledged is still in the database. Writes bench/loadtest.json.

Run through `make loadtest` (it seeds the demo data and collects static files first).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")


def django_setup():
    import django

    django.setup()


class Client:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}/accounts/login/"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
            return 0, ""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def login(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        )
        status, _ = self.request("POST", "/accounts/login/", body)
        if status != 302:
            raise RuntimeError(f"login failed for {username}: {status}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--no-restart", action="store_true", help="do not restart PostgreSQL mid-run")
    args = parser.parse_args()

    django_setup()
    from people.models import AccessLog, Organization, Person

    org = Organization.objects.get(slug="school7")
    card_uuids = [str(u) for u in Person.objects.filter(organization=org).values_list("uuid", flat=True)[:50]]
    log_before = AccessLog.objects.count()
    from django.db import connection

    connection.close()

    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "loadtest-secret-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "AXES_FAILURE_LIMIT": "1000",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "mentoring.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(ROOT / "var/loadtest-gunicorn.log", "w"),  # noqa: SIM115
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/healthz/")
                break
            except OSError:
                time.sleep(0.2)
        clients = []
        for _ in range(args.clients):
            client = Client(args.port)
            client.login("curator", "demo")
            clients.append(client)

        results: list[tuple[float, float, int, str]] = []  # (start, latency, status, kind)
        lock = threading.Lock()
        started = time.monotonic()
        stop_at = started + args.seconds

        def worker(client: Client, n: int) -> None:
            i = n
            paths = [("dashboard", "/"), ("registry", "/people/?page=2"), ("card", None)]
            while time.monotonic() < stop_at:
                kind, path = paths[i % len(paths)]
                if kind == "card":
                    path = f"/people/{card_uuids[i % len(card_uuids)]}/"
                t0 = time.monotonic()
                status, _ = client.request("GET", path)
                with lock:
                    results.append((t0 - started, time.monotonic() - t0, status, kind))
                i += 1

        threads = [threading.Thread(target=worker, args=(c, n)) for n, c in enumerate(clients)]
        for t in threads:
            t.start()
        outage = None
        if not args.no_restart and not os.environ.get("DATABASE_URL"):
            time.sleep(args.seconds / 2)
            t0 = time.monotonic() - started
            subprocess.run([str(ROOT / "scripts/pg.sh"), "stop"], check=True, capture_output=True)
            time.sleep(3)  # a real outage, not a blink
            subprocess.run([str(ROOT / "scripts/pg.sh"), "start"], check=True, capture_output=True)
            outage = (t0, time.monotonic() - started)
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=20)

    latencies = sorted(r[1] for r in results if r[2] == 200)
    by_status: dict[int, int] = {}
    for r in results:
        by_status[r[2]] = by_status.get(r[2], 0) + 1
    # A request belongs to the outage when it was still in flight as the server stopped: under load a
    # request started a second before the stop is answered by the 503 page, not by a page.
    in_outage = [r for r in results if outage and r[0] + r[1] >= outage[0] and r[0] <= outage[1] + 10]
    outside = [r for r in results if r not in in_outage] if outage else results
    errors_outside = [r for r in outside if r[2] != 200]
    unavailable = sum(1 for r in in_outage if r[2] == 503)
    other_errors_in_outage = [r for r in in_outage if r[2] not in (200, 503)]
    recovery = None
    if outage:
        after = sorted(r[0] for r in results if r[0] >= outage[1] and r[2] == 200)
        recovery = round(after[0] - outage[1], 2) if after else None

    connection.connect()
    acknowledged_cards = sum(1 for r in results if r[3] == "card" and r[2] == 200)
    stored = AccessLog.objects.count() - log_before
    report = {
        "clients": args.clients,
        "seconds": args.seconds,
        "requests": len(results),
        "rps": round(len(results) / args.seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1) if latencies else None,
        "statuses": by_status,
        "errors_outside_outage": len(errors_outside),
        "outage_window_s": [round(outage[0], 1), round(outage[1], 1)] if outage else None,
        "answered_503_during_outage": unavailable,
        "other_errors_during_outage": len(other_errors_in_outage),
        "recovered_after_s": recovery,
        "acknowledged_writes": acknowledged_cards,
        "writes_in_database": stored,
        "nothing_lost": stored >= acknowledged_cards,
    }
    (ROOT / "bench").mkdir(exist_ok=True)
    (ROOT / "bench/loadtest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    ok = (
        report["errors_outside_outage"] == 0
        and report["nothing_lost"]
        and (outage is None or recovery is not None)
        and report["other_errors_during_outage"] == 0
    )
    print("loadtest:", "OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
