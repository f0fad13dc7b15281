"""ruff (with its bandit-derived security rules, S) is clean over the whole project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_ruff_is_clean():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), "check", "."], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-4000:]
