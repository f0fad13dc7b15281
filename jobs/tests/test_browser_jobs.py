"""In a real browser, with a real worker: the admin orders the statistical form for all
organizations, the request answers at once, the progress bar moves, the file downloads from
«Мои файлы»."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jobs.testing import run_worker
from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST_BUDGET_MS = 300


@pytest.fixture
def browser_world(transactional_db):
    from mentoring.tests.world import build_world
    from people.tests.factories import OrganizationFactory

    world = build_world()
    for n in range(10):
        OrganizationFactory(slug=f"school-{n}", short_name=f"Школа {n:02}")
    return world


def test_admin_exports_the_statistical_form_of_all_organizations(page, live_server, browser_world):
    log_in(page, live_server.url, "admin")
    page.goto(live_server.url + "/statistics/?org=all")
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/export/form.xlsx" in r.url
    ) as started:
        page.get_by_role("button", name="Форма статистического наблюдения").click()
    response = started.value
    assert response.status == 200
    assert response.request.timing["responseEnd"] < POST_BUDGET_MS, response.request.timing

    card = page.locator("#job-panel .job-card")
    bar = card.get_by_role("progressbar")
    assert bar.get_attribute("aria-valuenow") == "0"
    assert card.get_attribute("data-job-status") == "queued"

    worker = run_worker()
    assert worker.returncode == 0, worker.stderr

    # htmx polls the card every second; the bar goes to 100 and the download appears.
    page.locator("#job-panel .job-card[data-job-status=done]").wait_for(timeout=10_000)
    assert card.get_by_role("progressbar").get_attribute("aria-valuenow") == "100"

    page.get_by_role("link", name="Мои файлы").first.click()
    page.wait_for_url(live_server.url + "/files/")
    with page.expect_download() as downloaded:
        page.get_by_role("link", name="Скачать").first.click()
    download = downloaded.value
    assert download.suggested_filename.startswith("Форма статистического наблюдения")
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert workbook.sheetnames[0] == "Сводка"
    assert {"Школа А", "Школа Б", "Школа 00", "Школа 09"} <= set(workbook.sheetnames)
