#!/usr/bin/env bash
# `scripts/backup.sh backup` — one tar archive in var/backups holding the database (pg_dump, custom
#   format, as `database.dump`) and every stored file (under `files/`, read through Django's storage:
#   MEDIA_ROOT on disk, or the S3 bucket when S3_BUCKET is set); the newest $BACKUP_KEEP are kept.
# `scripts/backup.sh restore FILE` — restores the database from FILE (objects are replaced), then
#   writes its files back into the storage. A plain .dump of earlier versions restores the database.
# The database is $DATABASE_URL, or the project-local cluster.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
URL=${DATABASE_URL:-$(cat "$ROOT/var/database_url" 2>/dev/null || true)}
if [ -z "$URL" ]; then echo "No database: set DATABASE_URL or run 'make run' once." >&2; exit 1; fi
DIR=${BACKUP_DIR:-$ROOT/var/backups}
KEEP=${BACKUP_KEEP:-14}
PY=$ROOT/.venv/bin/python
[ -x "$PY" ] || PY=python3

find_bin() {
  command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | tail -1
}
PG_DUMP=$(find_bin pg_dump)
PG_RESTORE=$(find_bin pg_restore)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

case "${1:-}" in
  backup)
    mkdir -p "$DIR"
    file="$DIR/mentoring-$(date +%Y%m%d-%H%M%S).tar"
    "$PG_DUMP" --format=custom --no-owner --file="$TMP/database.dump" "$URL"
    tar -cf "$file.part" -C "$TMP" database.dump
    "$PY" "$ROOT/manage.py" backup_files "$file.part" -v 0
    mv "$file.part" "$file"
    # Rotation: the newest $KEEP backups stay (plain dumps of earlier versions count too).
    shopt -s nullglob
    backups=("$DIR"/mentoring-*.tar "$DIR"/mentoring-*.dump)
    ls -1t "${backups[@]}" | tail -n +"$((KEEP + 1))" | xargs -r rm -f
    echo "$file"
    ;;
  restore)
    file=${2:-}
    if [ -z "$file" ] || [ ! -f "$file" ]; then echo "usage: $0 restore FILE (an existing backup)" >&2; exit 2; fi
    dump=$file
    if tar -tf "$file" database.dump >/dev/null 2>&1; then
      tar -xf "$file" -C "$TMP" database.dump
      dump=$TMP/database.dump
    else
      file=""  # an earlier version's plain dump: no files in it
    fi
    "$PG_RESTORE" --list "$dump" >/dev/null 2>&1 || { echo "${2} is not a backup (neither our archive nor a pg_dump archive)." >&2; exit 1; }
    "$PG_RESTORE" --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$URL" "$dump"
    if [ -n "$file" ]; then "$PY" "$ROOT/manage.py" restore_files "$file" -v 0; fi
    echo "restored ${2}"
    ;;
  *) echo "usage: $0 backup | restore FILE" >&2; exit 2 ;;
esac
