"""Every app's tests run in `make test`: a top-level folder with a `tests/` folder is in testpaths
(the accounts and notifications apps were once left out, and their tests silently never ran)."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_folder_with_tests_is_in_testpaths():
    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    testpaths = set(config["pytest"]["testpaths"].split())
    with_tests = {path.parent.name for path in ROOT.glob("*/tests") if path.is_dir()}
    assert with_tests - {".venv"} <= testpaths, sorted(with_tests - testpaths)
