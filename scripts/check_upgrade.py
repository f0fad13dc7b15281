"""`make check-upgrade [FROM=<git ref>]`: a database seeded by an earlier version migrates to this one
with every row kept.

The earlier version (default: the last commit before the section apps) is checked out into a
temporary folder; it migrates a fresh database and runs `seed_demo`; the row count of every table
is taken; then this version migrates the same database and the counts are taken again. Apart from
`django_migrations`, which gains this version's migrations, every table must keep its count.
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
    # New tables of this version start empty; every table that existed keeps its count.
    created = sorted(set(after) - set(before))
    changed = {
        name: (before.get(name), after.get(name))
        for name in sorted(set(before) | set(after))
        if name != "django_migrations"
        and before.get(name) != after.get(name)
        and not (name in created and after[name] == 0)
    }
    rows = sum(n for name, n in before.items() if name != "django_migrations")
    print(f"{ref} → this version: {len(before)} tables, {rows} rows before the migration")
    print(f"django_migrations: {before.get('django_migrations')} → {after.get('django_migrations')}")
    if created:
        print(f"new tables: {', '.join(created)}")
    if changed:
        for name, (was, now) in changed.items():
            print(f"  {name}: {was} → {now}")
        sys.exit("Rows were lost or added by the migration.")
    print("Every table keeps its rows.")


if __name__ == "__main__":
    main()
