"""In a real browser: the pair page's meeting journal and plan fit the screen, at 1366 px and on a
phone, for the mentor and the mentee — every column, the «Моя обратная связь» links included,
without scrolling sideways, and the evidence field shows its whole placeholder."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentoring.tests.browser import log_in
from mentoring.tests.page_checks import DESKTOP, PHONE, too_wide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How far the journal's table reaches beyond the card that holds it (0 when it fits).
TABLE_OVERFLOW = """() => {
    const table = document.querySelector('table.meetings-journal');
    const box = table.closest('.card-body').getBoundingClientRect();
    return Math.round(table.getBoundingClientRect().right - box.right);
}"""

# Whether each evidence field is wide enough for its whole placeholder, measured in its own font.
PLACEHOLDERS_FIT = """() => Array.from(document.querySelectorAll('input[name=evidence]')).map(input => {
    const style = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = style.font;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return ctx.measureText(input.placeholder).width <= room;
})"""


@pytest.fixture
def browser_pair(transactional_db):
    from mentoring.tests.world import build_world
    from pairs import actions
    from pairs.models import Meeting, Pair
    from pairs.tests.factories import approve_program, plan_meeting, world_pair

    world = build_world()
    pair = world_pair(world)
    approve_program(pair)
    pair = Pair.objects.for_list().get(pk=pair.pk)
    people = pair.participant_people()
    today = date.today()
    # Held meetings with long topics, notes and everyone's feedback, as a real journal has them.
    for n, kind in enumerate([Meeting.Kind.SECOND, Meeting.Kind.PLANNING, Meeting.Kind.REGULAR], start=1):
        meeting = actions.meeting_log(
            pair,
            data=dict(
                kind=kind,
                date=today - timedelta(days=n),
                topic="Разбор текущих затруднений и выполнения плана индивидуального развития",
                summary="Обсудили затруднения, наметили приёмы работы с классом и родителями",
                next_steps="Подготовить материалы к следующей встрече",
                duration_minutes=45,
            ),
            attendees=people,
            actor=None,
        )
        for person in people[:1]:
            actions.feedback_give(
                meeting, person=person, data={"usefulness": 8, "comfort": 9, "clarity": 7}, actor=None
            )
    plan_meeting(pair)
    return pair


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_the_journal_fits_the_card_at_1366_px(page, live_server, browser_pair, role):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url, role)
    page.goto(live_server.url + browser_pair.get_absolute_url())
    assert page.evaluate(TABLE_OVERFLOW) <= 0, "the journal runs out of its card"
    assert not too_wide(page, DESKTOP["width"])
    links = page.get_by_role("link", name="Моя обратная связь")
    assert links.count() >= 3
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["x"] + box["width"] <= DESKTOP["width"]
    if role == "mentor":
        assert page.locator("input[name=evidence]").count() > 0
        assert all(page.evaluate(PLACEHOLDERS_FIT)), "the evidence placeholder is cut"


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_the_journal_stacks_on_a_phone(page, live_server, browser_pair, role):
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, role)
    page.goto(live_server.url + browser_pair.get_absolute_url())
    assert not too_wide(page)
    assert page.evaluate(TABLE_OVERFLOW) <= 0, "the journal runs out of its card"
    link = page.get_by_role("link", name="Моя обратная связь").first
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # Each cell says what it is once the header row is out of sight.
    assert page.locator("table.meetings-journal td[data-label='Отзывы']").first.is_visible()
