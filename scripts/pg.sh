#!/usr/bin/env bash
# The project-local PostgreSQL cluster: `scripts/pg.sh start|stop|status|url`.
# Data lives under var/pg; the server listens only on a unix socket. When run as root the server
# runs as the `postgres` system user, since initdb refuses root.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB_NAME=${PG_DB_NAME:-mentoring}

find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local candidate
  for candidate in /usr/lib/postgresql/*/bin/"$name"; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  return 1
}

if ! PG_CTL=$(find_bin pg_ctl) || ! INITDB=$(find_bin initdb); then
  echo "PostgreSQL server is not installed: run 'sudo apt-get install postgresql' (version 15 or newer), or set DATABASE_URL to an existing database." >&2
  exit 1
fi
PGBIN=$(dirname "$PG_CTL")
PSQL=$(find_bin psql || echo "$PGBIN/psql")

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The cluster normally lives in var/pg; when the postgres user cannot reach the checkout
# (a home directory closed to others), it lives in /var/tmp under a name unique to this checkout.
PGHOME="$ROOT/var/pg"
mkdir -p "$ROOT/var"
if [ "$(id -u)" = "0" ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "The 'postgres' system user is missing: install the PostgreSQL server package (apt-get install postgresql)." >&2
    exit 1
  fi
  if ! runuser -u postgres -- test -x "$ROOT/var"; then
    PGHOME="/var/tmp/mentoring-pg-$(echo -n "$ROOT" | md5sum | cut -c1-10)"
  fi
fi
DATA="$PGHOME/data"
SOCK="$PGHOME/run"
# Unix socket paths are limited to about 100 bytes.
if [ ${#SOCK} -gt 90 ]; then SOCK="/tmp/mentoring-pg-$(echo -n "$ROOT" | md5sum | cut -c1-10)"; fi
LOG="$PGHOME/postgres.log"
SUPERUSER=$([ "$(id -u)" = "0" ] && echo postgres || id -un)

prepare_dirs() {
  mkdir -p "$PGHOME" "$SOCK"
  if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$PGHOME" "$SOCK"; fi
}

is_running() {
  [ -f "$DATA/PG_VERSION" ] && as_owner "$PG_CTL" -D "$DATA" status >/dev/null 2>&1
}

url_for() {
  local host
  host=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=''))" "$SOCK")
  echo "postgres://$SUPERUSER@$host/$1"
}

write_url() {
  url_for "$DB_NAME" > "$ROOT/var/database_url"
}

# A fresh, empty database NAME on the same cluster (benchmarks); prints its URL.
recreate_db() {
  local name=$1
  PGOPTIONS="-c client_min_messages=warning" as_owner "$PSQL" -h "$SOCK" -U "$SUPERUSER" -d postgres -qc "drop database if exists \"$name\" with (force)" >/dev/null
  as_owner "$PSQL" -h "$SOCK" -U "$SUPERUSER" -d postgres -qc "create database \"$name\"" >/dev/null
  url_for "$name"
}

start() {
  prepare_dirs
  if [ ! -f "$DATA/PG_VERSION" ]; then
    echo "Creating the local PostgreSQL cluster in $DATA"
    as_owner "$INITDB" -D "$DATA" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! is_running; then
    rm -f "$DATA/postmaster.pid" 2>/dev/null || true
    as_owner "$PG_CTL" -D "$DATA" -l "$LOG" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$SOCK' -c fsync=${PG_FSYNC:-on} -c max_connections=100 -c shared_buffers=256MB" \
      start >/dev/null
  fi
  if ! as_owner "$PSQL" -h "$SOCK" -U "$SUPERUSER" -d postgres -tAc "select 1 from pg_database where datname='$DB_NAME'" | grep -q 1; then
    as_owner "$PSQL" -h "$SOCK" -U "$SUPERUSER" -d postgres -qc "create database \"$DB_NAME\""
  fi
  write_url
}

stop() {
  if is_running; then as_owner "$PG_CTL" -D "$DATA" -m fast -w stop >/dev/null; echo "PostgreSQL stopped."; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) if is_running; then echo "running ($DATA, socket $SOCK)"; else echo "stopped"; fi ;;
  url) write_url; cat "$ROOT/var/database_url" ;;
  recreate-db) start >/dev/null; recreate_db "${2:?database name}" ;;
  *) echo "usage: $0 start|stop|restart|status|url|recreate-db NAME" >&2; exit 2 ;;
esac
