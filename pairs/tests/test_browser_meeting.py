"""In a real browser: a mentor logs a meeting from «Мои пары» in two clicks, without a page reload."""

from __future__ import annotations

import pytest

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_pair(transactional_db):
    from mentoring.tests.world import build_world
    from pairs.tests.factories import world_pair

    world = build_world()
    return world_pair(world)


def test_mentor_logs_a_meeting_in_two_clicks(page, live_server, browser_pair):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(page, live_server.url, "mentor")
    page.goto(live_server.url + "/pairs/my/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Записать встречу").click()  # click 1
    dialog = page.locator("dialog[open]")
    dialog.wait_for()
    dialog.get_by_label("Тема").fill("Разбор открытого урока")
    dialog.get_by_role("button", name="Сохранить встречу").click()  # click 2
    page.get_by_text("записана: Разбор открытого урока").wait_for()
    assert page.locator("dialog[open]").count() == 0
    assert page.evaluate("window.__sameDocument") is True  # no full reload
    assert "Встреч проведено: 2" in page.content()
    assert browser_pair.meetings.filter(topic="Разбор открытого урока").exists()
    assert not [e for e in errors if "Content Security Policy" in e], errors
