"""The registry export reports its progress per chunk of rows, so that the job's bar moves within
a large school as well as from one school to the next."""

from __future__ import annotations

import io
from datetime import date

import pytest

from reports.monitoring import exports
from reports.monitoring.tests import stats_data

pytestmark = pytest.mark.django_db


def test_registry_reports_progress_per_chunk_of_rows(world, monkeypatch):
    data = stats_data.build(world)
    monkeypatch.setattr(exports, "PROGRESS_ROWS", 2)
    seen = []
    scope = exports.Scope([world.org, world.other_org], data["year"])
    workbook = exports.registry_workbook(scope, date.today(), lambda p, step="": seen.append((p, step)))
    workbook.save(io.BytesIO())
    within = [step for _, step in seen if "записано строк" in step]
    # School A has 7 rows, school B 2: a report after rows 2, 4, 6 (school A) and 8 (school B).
    assert within == [
        "Реестр: Школа А, записано строк: 2",
        "Реестр: Школа А, записано строк: 4",
        "Реестр: Школа А, записано строк: 6",
        f"Реестр: {world.other_org.short_name}, записано строк: 8",
    ]
    percents = [percent for percent, _ in seen]
    assert percents == sorted(percents), "the bar never moves back"
    assert 0 < percents[1] < percents[2] < percents[3] <= 90
    assert max(percents) <= 90


def test_registry_progress_stays_within_the_school_share_when_rows_exceed_the_estimate(world, monkeypatch):
    # The estimate counts participants (7 in school A); a participant with several pairs has a
    # row for each, so a school may write more rows than expected without passing its share.
    data = stats_data.build(world)
    monkeypatch.setattr(exports, "PROGRESS_ROWS", 1)
    monkeypatch.setattr(
        exports, "_participant_counts", lambda scope: ({world.org.pk: 1}, {world.other_org.pk: 1})
    )
    seen = []
    scope = exports.Scope([world.org, world.other_org], data["year"])
    workbook = exports.registry_workbook(scope, date.today(), lambda p, step="": seen.append((p, step)))
    workbook.save(io.BytesIO())
    school_a = [percent for percent, step in seen if step.startswith("Реестр: Школа А,")]
    assert school_a and max(school_a) == 45  # its half of the 90 %
