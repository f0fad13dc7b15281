"""`make check-upgrade [FROM=<git ref>]`: a database seeded by an earlier version migrates to this one
with every row kept.

The earlier version (default: the last commit before the section apps) is checked out into a
temporary folder; it migrates a fresh database and runs `seed_demo`; the row count of every table
is taken; then this version migrates the same database and the counts are taken again. No table
may lose a row; the only rows a migration may add are permissions and content types of new models
and the history rows of data migrations.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DEFAULT_FROM = "22ce006"  # main before reports/ was split into section apps
DATABASE = "mentoring_upgrade"

COUNTS_SQL = """
DO $$
DECLARE t text; n bigint;
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS _counts (name text, n bigint);
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('SELECT count(*) FROM %I', t) INTO n;
    INSERT INTO _counts VALUES (t, n);
  END LOOP;
END $$;
"""

# Run by `manage.py shell` with the SQL above in the environment.
SHELL_SCRIPT = """
import os
from django.db import connection
with connection.cursor() as c:
    c.execute(os.environ["COUNTS_SQL"])
    c.execute("SELECT name, n FROM _counts ORDER BY name")
    for name, n in c.fetchall():
        print("ROW", name, n)
"""


def run(*args: str, cwd: Path = ROOT, env: dict | None = None) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def counts(env: dict, cwd: Path = ROOT) -> dict[str, int]:
    out = run(
        str(PYTHON), "manage.py", "shell", "-c", SHELL_SCRIPT, cwd=cwd, env={**env, "COUNTS_SQL": COUNTS_SQL}
    )
    rows = (line.split() for line in out.splitlines() if line.startswith("ROW "))
    return {name: int(n) for _, name, n in rows}


def main() -> None:
    ref = os.environ.get("FROM") or DEFAULT_FROM
    url = run("scripts/pg.sh", "recreate-db", DATABASE).strip().splitlines()[-1]
    env = {**os.environ, "DATABASE_URL": url}
    with tempfile.TemporaryDirectory(prefix="mentoring-upgrade-") as tmp:
        old = Path(tmp) / "old"
        run("git", "worktree", "add", "--detach", str(old), ref)
        try:
            (old / ".venv").symlink_to(ROOT / ".venv")
            run(str(PYTHON), "manage.py", "migrate", "--noinput", "-v", "0", cwd=old, env=env)
            run(str(PYTHON), "manage.py", "seed_demo", cwd=old, env=env)
            before = counts(env, cwd=old)
        finally:
            run("git", "worktree", "remove", "--force", str(old))
    run(str(PYTHON), "manage.py", "migrate", "--noinput", "-v", "0", env=env)
    after = counts(env)
    # Tables new in this version start empty. A table that existed keeps every row; it may gain rows
    # only where the migrations add them: permissions and content types of new models, and history
    # rows of the data migrations (a filled-in field is a change the history records).
    created = sorted(set(after) - set(before))
    lost = {name: (n, after.get(name, 0)) for name, n in before.items() if after.get(name, 0) < n}
    gained = {
        name: (before[name], after[name])
        for name in before
        if name != "django_migrations" and after.get(name, 0) > before[name]
    }
    rows = sum(n for name, n in before.items() if name != "django_migrations")
    print(f"{ref} → this version: {len(before)} tables, {rows} rows before the migration")
    print(f"django_migrations: {before.get('django_migrations')} → {after.get('django_migrations')}")
    if created:
        print(f"new tables: {', '.join(created)}")
    for name, (was, now) in gained.items():
        print(f"  gained: {name}: {was} → {now}")
    unexpected = {
        name
        for name in gained
        if name not in ("auth_permission", "django_content_type") and not name.endswith("event")
    }
    if lost or unexpected:
        for name, (was, now) in lost.items():
            print(f"  LOST: {name}: {was} → {now}")
        for name in sorted(unexpected):
            print(f"  UNEXPECTED: {name}")
        sys.exit("Rows were lost or added by the migration.")
    print("Every table keeps its rows.")


if __name__ == "__main__":
    main()
