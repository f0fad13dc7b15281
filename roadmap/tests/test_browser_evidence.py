"""In a real browser, in the demo: the pairs order signed while seeding is offered to the overdue
roadmap activity «Приказ(ы) о закреплении…»; the curator counts it from the dashboard and the
activity leaves «Просрочено»."""

from __future__ import annotations

import pytest

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_curator_counts_the_signed_pairs_order_as_the_activity_done(page, live_server, transactional_db):
    from django.core.management import call_command

    from roadmap.models import Activity

    call_command("seed_demo")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in(page, live_server.url, "curator", password="demo")
    title = "Приказ(ы) о закреплении наставнических пар/групп"
    overdue = page.locator("h3:has-text('Просрочено') + ul")
    assert overdue.get_by_text(title).is_visible()
    offer = page.locator("[data-suggestion]", has_text=title)
    assert offer.get_by_text("Подписан приказ").is_visible()
    offer.get_by_role("button", name="Засчитать как выполнение").click()
    page.get_by_text("засчитано как выполненное").wait_for()
    assert page.locator("h3:has-text('Просрочено') + *").get_by_text(title).count() == 0
    activity = Activity.objects.get(stage__roadmap__organization__slug="school7", title=title)
    assert activity.status == Activity.Status.DONE and "О закреплении" in activity.evidence_note
    # The roadmap page shows it done with the order it was counted by.
    page.goto(live_server.url + activity.stage.roadmap.get_absolute_url())
    row = page.locator("tr", has_text=title)
    assert row.get_by_text("выполнено").is_visible() and row.get_by_text("Подписан приказ").is_visible()
    assert errors == []
