"""The pages of answering by code (issue 19) in Chromium, on a phone: axe-core finds no serious
or critical violation, nothing scrolls sideways, and a visitor answers from the keyboard."""

from __future__ import annotations

import pytest

from mentoring.tests.page_checks import PHONE, check_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def code_campaign(transactional_db):
    from mentoring.tests.world import build_world
    from people.tests.factories import PersonFactory
    from reports.surveys import actions
    from reports.surveys.models import Campaign
    from reports.surveys.tests.factories import make_campaign

    world = build_world()
    for i in range(2):
        PersonFactory(organization=world.org, last_name=f"Педагог{i}")
    campaign = make_campaign(world.org, target=Campaign.Target.STAFF_ALL, anonymous=True)
    slips = actions.campaign_codes_issue(campaign, actor=None, site_url="http://x/")
    campaign.refresh_from_db()
    return campaign, [s.code for s in slips]


def test_a_visitor_types_the_code_and_answers_on_a_phone(browser, live_server, code_campaign):
    from reports.surveys.models import SurveyResponse

    campaign, codes = code_campaign
    base = live_server.url
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    public = f"/s/{campaign.public_token}/"
    assert not check_pages(page, base, ["/s/", public, f"{public}?code={codes[0]}"], phone=True)

    page.goto(base + "/s/")
    page.get_by_label("Код с листка").fill(codes[1].lower())
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text(f"Код {codes[1]} принят").is_visible()
    page.locator("input[type=radio][value='8']").first.check()
    for group in page.locator("[role=group]").all()[1:]:
        radios = group.locator("input[type=radio]")
        if radios.count():
            radios.first.check()
    page.get_by_role("button", name="Отправить ответы").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Спасибо! Ответы сохранены.").is_visible()
    assert SurveyResponse.objects.filter(campaign=campaign, person__isnull=True).count() == 1

    page.goto(base + f"{public}?code={codes[1]}")
    assert page.get_by_text("По этому коду уже ответили").is_visible()
    context.close()
