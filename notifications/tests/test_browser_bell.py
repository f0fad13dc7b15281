"""In a real browser at 1366 px: the bell fits the one-line header and leads to the notification."""

from __future__ import annotations

import pytest

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_world(transactional_db):
    from mentoring.tests.world import build_world

    return build_world()


def test_curator_sees_the_bell_reads_the_notification_and_the_count_goes(page, live_server, browser_world):
    from notifications import notify
    from notifications.models import Kind

    notify(
        [browser_world.users["curator"]],
        kind=Kind.ROADMAP_DECISION,
        key="browser",
        title="Дорожная карта утверждена",
        link="/roadmap/",
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "curator")
    nav = page.locator("nav.main-nav")
    assert nav.bounding_box()["height"] < 70, "the header wraps onto a second line"
    bell = page.get_by_role("link", name="Уведомления, непрочитанных: 1")
    assert bell.is_visible()
    bell.click()
    assert page.get_by_text("Дорожная карта утверждена", exact=True).is_visible()
    page.get_by_role("button", name="Прочитано").click()
    assert page.get_by_role("link", name="Уведомления", exact=True).is_visible()
    assert page.locator("[data-unread-count]").count() == 0


def test_the_administrators_header_fits_1366_px_with_the_switcher_and_the_bell(
    page, live_server, browser_world
):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "admin")
    assert page.locator("nav.main-nav").bounding_box()["height"] < 70, "the header wraps onto a second line"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366, "the page scrolls sideways"
    menu = page.get_by_role("button", name="меню")
    box = menu.bounding_box()
    assert box["x"] + box["width"] <= 1366
    menu.click()
    assert page.get_by_role("button", name="Выйти").is_visible()
