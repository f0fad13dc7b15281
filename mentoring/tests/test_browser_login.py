"""In a real browser: each role logs in, lands on its dashboard and logs out."""

from __future__ import annotations

import pytest

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_world(transactional_db):
    from mentoring.tests.world import build_world

    return build_world()


@pytest.mark.parametrize(
    "role,panel",
    [("admin", "Организации"), ("director", "Участники организации"), ("mentee", "Моя карточка")],
)
def test_role_lands_on_dashboard(page, live_server, browser_world, role, panel):
    log_in(page, live_server.url, role)
    assert page.get_by_text(panel, exact=True).first.is_visible()
    page.locator(".navbar .dropdown-toggle").last.click()
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")


def test_wrong_password_is_explained_in_russian(page, live_server, browser_world):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    assert page.get_by_text("введите правильные имя пользователя и пароль").is_visible()


def test_page_has_no_csp_violations(page, live_server, browser_world):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(page, live_server.url, "curator")
    page.goto(live_server.url + "/people/")
    assert not [e for e in errors if "Content Security Policy" in e], errors
