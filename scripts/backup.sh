#!/usr/bin/env bash
# `scripts/backup.sh backup` — pg_dump (custom format) into var/backups, keeping the newest $BACKUP_KEEP;
# `scripts/backup.sh restore FILE` — restores FILE over the database (objects are replaced).
# The database is $DATABASE_URL, or the project-local cluster.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
URL=${DATABASE_URL:-$(cat "$ROOT/var/database_url" 2>/dev/null || true)}
if [ -z "$URL" ]; then echo "No database: set DATABASE_URL or run 'make run' once." >&2; exit 1; fi
DIR=${BACKUP_DIR:-$ROOT/var/backups}
KEEP=${BACKUP_KEEP:-14}

find_bin() {
  command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | tail -1
}
PG_DUMP=$(find_bin pg_dump)
PG_RESTORE=$(find_bin pg_restore)

case "${1:-}" in
  backup)
    mkdir -p "$DIR"
    file="$DIR/mentoring-$(date +%Y%m%d-%H%M%S).dump"
    "$PG_DUMP" --format=custom --no-owner --file="$file.part" "$URL"
    mv "$file.part" "$file"
    # Rotation: the newest $KEEP dumps stay.
    ls -1t "$DIR"/mentoring-*.dump | tail -n +"$((KEEP + 1))" | xargs -r rm -f
    echo "$file"
    ;;
  restore)
    file=${2:-}
    if [ -z "$file" ] || [ ! -f "$file" ]; then echo "usage: $0 restore FILE (an existing .dump file)" >&2; exit 2; fi
    "$PG_RESTORE" --list "$file" >/dev/null || { echo "$file is not a pg_dump archive." >&2; exit 1; }
    "$PG_RESTORE" --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$URL" "$file"
    echo "restored $file"
    ;;
  *) echo "usage: $0 backup | restore FILE" >&2; exit 2 ;;
esac
