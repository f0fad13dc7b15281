#!/usr/bin/env bash
# Creates .venv and installs the pinned requirements when they changed since the last install.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Python 3.11 or newer is required: install python3 (3.11+) and python3-venv." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv || { echo "Cannot create .venv: install the python3-venv package." >&2; exit 1; }
fi
stamp=.venv/.requirements.sha
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # This machine's pip configuration names local mirrors that may be absent; their warnings are noise.
  .venv/bin/python -m pip install -q --upgrade pip 2> >(grep -v "is ignored: it is neither" >&2)
  .venv/bin/python -m pip install -q -r requirements.txt 2> >(grep -v "is ignored: it is neither" >&2)
  echo "$want" > "$stamp"
fi
