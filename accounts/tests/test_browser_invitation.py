"""In a real browser: the curator invites a new mentor by e-mail; the mentor follows the link,
sets a password, logs in and sees their pair."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Nastavnik-2024!"


@pytest.fixture
def new_mentor_pair(transactional_db):
    from mentoring.tests.world import build_world
    from pairs.models import Pair
    from pairs.tests.factories import MenteeFactory, MentorFactory, give_consent, make_pair
    from people.tests.factories import PersonFactory

    world = build_world()
    person = PersonFactory(
        organization=world.org,
        last_name="Новикова",
        first_name="Ирина",
        middle_name="Олеговна",
        email="n@example.ru",
    )
    mentor = MentorFactory(person=person)
    mentee = MenteeFactory(person=world.person_of("mentee"))
    give_consent(mentor.person)
    give_consent(mentee.person)
    make_pair(world.org, [mentor], [mentee], status=Pair.Status.ACTIVE)
    return person, mentee.person


def test_curator_invites_a_new_mentor_who_sets_a_password_and_sees_the_pair(
    page, live_server, new_mentor_pair
):
    mentor, mentee = new_mentor_pair
    log_in(page, live_server.url, "curator")
    page.goto(live_server.url + "/access/invitations/")
    page.get_by_label(f"Выбрать: {mentor.full_name}").check()
    page.get_by_label("Выдать учётные записи").select_option("email")
    page.get_by_role("button", name="Пригласить отмеченных").click()
    page.get_by_text("Создано учётных записей: 1; писем: 1").wait_for()

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["n@example.ru"]
    body = mail.outbox[0].body
    link = re.search(r"http://\S+/access/activate/\S+", body).group(0)
    username = re.search(r"Ваш логин: (\S+)", body).group(1)
    assert "novikova" not in username

    page.context.clear_cookies()
    page.goto(link)
    page.get_by_label("Новый пароль").fill(PASSWORD)
    page.get_by_label("Пароль ещё раз").fill(PASSWORD)
    page.get_by_role("button", name="Задать пароль").click()
    page.get_by_text("Пароль задан, вы вошли").wait_for()

    # Logged in by the activation itself: no second trip through the login form.
    page.goto(live_server.url + "/pairs/my/")
    assert mentee.last_name in page.content()

    page.goto(link)
    assert "уже использовано" in page.content()
