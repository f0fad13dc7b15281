from reports.evidence.tests.conftest import roadmap, year  # noqa: F401 — the standard roadmap in force
