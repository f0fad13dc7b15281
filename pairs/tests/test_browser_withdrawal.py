"""In a real browser: once their consent is withdrawn, a mentor is logged out and cannot log in."""

from __future__ import annotations

import pytest

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_world(transactional_db):
    from mentoring.tests.world import build_world

    return build_world()


def test_withdrawn_mentor_is_logged_out_and_cannot_log_in(page, live_server, browser_world):
    from pairs.tests.factories import world_pair
    from people.actions import consent_withdraw

    pair = world_pair(browser_world)
    log_in(page, live_server.url, "mentor")
    card = f"{live_server.url}/people/{pair.mentees.get().person.uuid}/"
    page.goto(card)
    assert page.url == card

    consent_withdraw(browser_world.person_of("mentor"), actor=browser_world.users["curator"])

    page.goto(card)
    page.wait_for_url(f"{live_server.url}/accounts/login/**")
    page.fill("#id_username", "mentor")
    page.fill("#id_password", "pass-Word-123")
    page.click("button[type=submit]")
    assert page.get_by_text("введите правильные имя пользователя и пароль").is_visible()
