"""The Excel benchmark's measurement, run in-process on a small dataset."""

from __future__ import annotations

import pytest

from bench import hooks as bench_hooks
from reports.monitoring.tests import stats_data

pytestmark = pytest.mark.django_db


def test_excel_figures_write_at_least_the_target_rows(world):
    stats_data.build(world)
    figures = bench_hooks.excel_figures(target_rows=20)
    # 7 registry rows in school A and 2 in school B per pass: three passes reach 20.
    assert figures["rows"] >= 20 and figures["sheets"] >= 5
    assert set(figures) >= {"rows", "seconds", "peak_rss_mb", "raw_seconds", "ratio_to_raw"}
    assert figures["seconds"] > 0 and figures["raw_seconds"] > 0


def test_measure_pdf_without_a_curator_is_none(db):
    from people.tests.factories import OrganizationFactory

    assert bench_hooks.measure_pdf(OrganizationFactory()) is None


def test_measure_pdf_renders_the_three_documents_and_leaves_nothing_behind(world):
    from pairs.models import Pair
    from reports.orders.models import Order

    stats_data.build(world)
    pairs_before = Pair.objects.count()
    figures = bench_hooks.measure_pdf(world.org, pairs=3, letters=5)
    # One active pair in the school: two copies of it make up the three the order names.
    assert figures["pairs"] == 3 and figures["letters"] == 5 and figures["letters_pages"] == 5
    assert figures["one_page_s"] > 0 and figures["pairs_300_s"] > 0 and figures["letters_100_s"] > 0
    assert Order.objects.count() == 0 and Pair.objects.count() == pairs_before
