"""The version for the visually impaired in Chromium: no text on the public page is smaller than
the body's — section headings, figure labels, news dates and titles, practice titles — and axe-core
finds no contrast problem (grey labels were below AA)."""

from __future__ import annotations

import pytest

from mentoring.tests.page_checks import axe_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALLER_THAN_BODY = """() => {
    const body = parseFloat(getComputedStyle(document.body).fontSize);
    const found = [];
    for (const el of document.querySelectorAll('body *')) {
        const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
        if (!text || !el.getClientRects().length) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < body) found.push(`${el.tagName.toLowerCase()}.${el.className} ${size}px «${text.slice(0, 30)}»`);
    }
    return found;
}"""


@pytest.fixture
def public_site(transactional_db):
    from mentoring.tests.world import build_world
    from reports.publication.tests.factories import news, public_practice, published_page

    world = build_world()
    published_page(world.org)
    news(world.org, title="Встреча наставников", body="Прошла встреча наставников школы.")
    public_practice(world.org)
    return world.org.slug


def test_no_text_is_smaller_than_the_body_and_contrast_is_aa(page, live_server, public_site):
    index = f"{live_server.url}/p/{public_site}/"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(index)
    assert page.locator(".figures .label").count() and page.locator(".news-date").count()
    assert page.evaluate(SMALLER_THAN_BODY), "the ordinary version has small print: the check sees it"
    with page.expect_navigation():
        page.get_by_role("link", name="Версия для слабовидящих").click()
    assert "public-vi" in page.evaluate("document.body.className")
    assert page.evaluate(SMALLER_THAN_BODY) == []
    headings = page.evaluate(
        "[...document.querySelectorAll('main h2')].map(h => parseFloat(getComputedStyle(h).fontSize))"
    )
    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert headings and min(headings) > body
    assert not axe_problems(page)
    for path in ("news/",):
        page.goto(index + path)
        assert page.evaluate(SMALLER_THAN_BODY) == []
        assert not axe_problems(page)
