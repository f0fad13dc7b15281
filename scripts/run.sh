#!/usr/bin/env bash
# `make run`: the development server with one job worker beside it. The worker runs in the
# background and is stopped when the server stops (Ctrl-C, an error, or the terminal closing).
set -euo pipefail

PY=${PY:-.venv/bin/python}
ADDRESS=${1:?usage: scripts/run.sh HOST:PORT}

"$PY" manage.py procrastinate worker --queues "${WORKER_QUEUES:-exports,periodic,mail}" &
WORKER=$!
stop_worker() {
  kill -TERM "$WORKER" 2>/dev/null || true
  wait "$WORKER" 2>/dev/null || true
}
trap stop_worker EXIT INT TERM

"$PY" manage.py runserver "$ADDRESS"
