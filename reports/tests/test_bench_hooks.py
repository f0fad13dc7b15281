"""The Excel benchmark's measurement, run in-process on a small dataset."""

from __future__ import annotations

import pytest

from reports import bench_hooks
from reports.tests import stats_data

pytestmark = pytest.mark.django_db


def test_excel_figures_write_at_least_the_target_rows(world):
    stats_data.build(world)
    figures = bench_hooks.excel_figures(target_rows=20)
    # 7 registry rows in school A and 2 in school B per pass: three passes reach 20.
    assert figures["rows"] >= 20 and figures["sheets"] >= 5
    assert set(figures) >= {"rows", "seconds", "peak_rss_mb", "raw_seconds", "ratio_to_raw"}
    assert figures["seconds"] > 0 and figures["raw_seconds"] > 0


def test_measure_pdf_without_orders_is_none(world):
    assert bench_hooks.measure_pdf(world.other_org) is None


def test_measure_pdf_renders_the_largest_order(world):
    from reports.tests.factories import launch_order

    order = launch_order(world.org)
    figures = bench_hooks.measure_pdf(world.org)
    assert figures["people"] == order.people.count()
    assert figures["bytes"] > 1000 and figures["seconds"] > 0
