"""Every page each demo role reaches, in Chromium: axe-core finds no serious or critical
violation, and every page a participant uses fits a 390×844 phone without sideways scrolling;
the public page too, with its version for the visually impaired switched from the keyboard.

One test per audience over the demo school (seeded once per test, ~15 s): the crawl follows the
navigation of each role (`page_checks.reachable_pages`), so a new section is checked as soon as
it is in the menu. Participants' roles, and the законный представитель, are listed in
`page_checks.PHONE_ROLES`, one test each.
"""

from __future__ import annotations

import pytest

from mentoring.tests.browser import log_in
from mentoring.tests.page_checks import (
    PHONE,
    PHONE_ROLES,
    axe_problems,
    check_pages,
    demo_login,
    reachable_pages,
    too_wide,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The curator reaches the most (every record's page one click below the menu); the director
# and the administrator are checked on their menus, past what the curator's crawl has covered.
STAFF_ROLES = (("curator", 1), ("director", 0), ("admin", 0))


@pytest.fixture
def demo_school(transactional_db):
    from mentoring import demo
    from mentoring.demo.people import DEMO_SLUG

    demo.seed_demo()
    return DEMO_SLUG


def _report(problems: dict[str, dict[str, list[str]]]) -> str:
    lines = []
    for role, pages in problems.items():
        for path, found in pages.items():
            lines.append(f"{role} {path}")
            lines += [f"    {p}" for p in found]
    return "\n".join(lines)


def _check_roles(browser, base_url: str, roles, *, phone: bool, per_section: int) -> dict:
    """`roles`: (role, depth of the crawl below its menu)."""
    problems, checked = {}, set()
    for role, depth in roles:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        log_in(page, base_url, demo_login(role), password="demo")
        paths = reachable_pages(page, base_url, depth=depth, per_section=per_section)
        assert len(paths) > 5, f"{role} reaches only {paths}"
        # A page another staff role has passed is not checked again (the layout and the styles
        # are the same); each role's home page is its own.
        todo = [p for p in paths if p == "/" or p not in checked]
        checked.update(todo)
        if found := check_pages(page, base_url, todo, phone=phone):
            problems[role] = found
        context.close()
    return problems


@pytest.mark.parametrize("role", PHONE_ROLES)
def test_participants_pages_fit_a_phone_and_pass_axe(role, browser, live_server, demo_school):
    """Every page of the menu, the records they list and the forms those open: 390 px."""
    problems = _check_roles(browser, live_server.url, [(role, 2)], phone=True, per_section=1)
    assert not problems, "\n" + _report(problems)
    # From the keyboard, the first Tab stop skips the menu.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, demo_login(role), password="demo")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Перейти к содержимому"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")
    context.close()


def test_staff_pages_pass_axe(browser, live_server, demo_school):
    """Every page of each staff role's menu, and the curator's records one click below."""
    problems = _check_roles(browser, live_server.url, STAFF_ROLES, phone=False, per_section=1)
    assert not problems, "\n" + _report(problems)


@pytest.fixture
def public_site(transactional_db):
    """A school's published page with news (factories: cheaper than the demo)."""
    from mentoring.tests.world import build_world
    from reports.publication.tests.factories import news, published_page

    world = build_world()
    published_page(world.org)
    news(world.org, title="Встреча наставников", body="Прошла встреча наставников школы.")
    return world.org.slug


def test_the_public_page_passes_axe_on_a_phone_and_switches_to_the_version_for_the_visually_impaired(
    browser, live_server, public_site
):
    base = live_server.url
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    index = f"/p/{public_site}/"
    page.goto(base + index)
    paths = [index, *[p for p in _public_links(page, base) if p != index][:4]]
    assert not check_pages(page, base, paths, phone=True)

    page.goto(base + index)
    # From the keyboard: the switch is the first thing Tab reaches.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Версия для слабовидящих"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "public-vi" in page.evaluate("document.body.className")
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 24
    assert page.locator("img:visible, svg:visible, .bi:visible").count() == 0
    assert not axe_problems(page) and not too_wide(page)
    # Remembered: a new page of the site, and the next visit, open in the same version.
    page.goto(base + f"/p/{public_site}/news/")
    assert "public-vi" in page.evaluate("document.body.className")
    with page.expect_navigation():
        page.get_by_role("link", name="Обычная версия сайта").click()
    assert "public-vi" not in page.evaluate("document.body.className")
    context.close()


def _public_links(page, base: str) -> list[str]:
    from mentoring.tests.page_checks import same_site_links

    return [p for p in same_site_links(page, base, "main a[href]") if p.startswith("/p/")]
