"""The person card per role: who sees what, and the mentor → own mentees visibility hook."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from people.access import register_person_visibility, unregister_person_visibility
from people.models import Person
from people.tests.factories import (
    ConsentFactory,
    MenteeFactory,
    MentorFactory,
    RepresentativeFactory,
    StudentFactory,
)


@pytest.fixture
def student(world):
    student = StudentFactory(organization=world.org, last_name="Волков", birth_date=date(2014, 1, 5))
    rep = RepresentativeFactory(student=student, last_name="Волкова", phone="+7 911 123-45-67")
    ConsentFactory(person=student, signer="representative", representative=rep)
    MenteeFactory(person=student, category="learning")
    return student


@pytest.fixture
def mentor_hook(world, student):
    """What the pairs app will register: the mentor user sees the students of their pairs."""

    def hook(user):
        if user == world.users["mentor"]:
            return Person.objects.filter(pk=student.pk)
        return None

    register_person_visibility(hook)
    yield hook
    unregister_person_visibility(hook)


def _card(client, person):
    return client.get(reverse("people:person_detail", args=[person.uuid]))


def test_curator_sees_consents_representative_contacts_bank_and_history(world, login, student):
    response = _card(login(world.users["curator"]), student)
    html = response.content.decode()
    assert response.status_code == 200
    assert "+7 911 123-45-67" in html
    assert "на обработку персональных данных" in html
    assert "Банк наставляемых" in html
    assert "История изменений" in html
    assert "Внести согласие" in html


def test_director_reads_the_card_without_management_buttons(world, login, student):
    html = _card(login(world.users["director"]), student).content.decode()
    assert "+7 911 123-45-67" in html
    assert "Внести согласие" not in html
    assert "Изменить статус" not in html


def test_mentor_without_a_pair_gets_404_for_a_student_card(world, login, student):
    assert _card(login(world.users["mentor"]), student).status_code == 404


def test_mentor_sees_own_mentee_but_not_representative_contacts(world, login, student, mentor_hook):
    response = _card(login(world.users["mentor"]), student)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Волкова" in html
    assert "+7 911 123-45-67" not in html
    assert "Согласия на обработку" not in html
    assert "История изменений" not in html


def test_the_hook_does_not_open_cards_to_other_users(world, login, student, mentor_hook):
    assert _card(login(world.users["mentee"]), student).status_code == 404


def test_mentor_sees_own_profile_with_the_bank_entry(world, login):
    me = world.person_of("mentor")
    MentorFactory(person=me, status="candidate")
    response = _card(login(world.users["mentor"]), me)
    assert response.status_code == 200
    assert "Банк наставников" in response.content.decode()
    assert "Изменить статус" not in response.content.decode()


def test_mentee_sees_own_card_and_consents(world, login):
    me = world.person_of("mentee")
    ConsentFactory(person=me)
    html = _card(login(world.users["mentee"]), me).content.decode()
    assert "Согласия на обработку" in html
    assert "Внести согласие" not in html


def test_mentee_cannot_open_a_colleagues_card(world, login):
    assert _card(login(world.users["mentee"]), world.person_of("mentor")).status_code == 404


def test_curator_of_other_school_gets_404_even_with_a_hook(world, login, student, mentor_hook):
    assert _card(login(world.other_curator), student).status_code == 404


def test_a_hook_cannot_open_another_schools_card_to_a_mentor(world, login):
    stranger = StudentFactory(organization=world.other_org)

    def hook(user):
        return Person.objects.filter(pk=stranger.pk)

    register_person_visibility(hook)
    try:
        response = _card(login(world.users["mentor"]), stranger)
    finally:
        unregister_person_visibility(hook)
    assert response.status_code == 404


def test_waiting_since_shows_only_while_the_mentee_waits(world, login):
    from datetime import timedelta

    from django.utils import timezone

    from people.models import Mentee

    since = timezone.localdate() - timedelta(days=12)
    waiting = MenteeFactory(person__organization=world.org, status=Mentee.Status.WAITING, waiting_since=since)
    paired = MenteeFactory(person__organization=world.org, status=Mentee.Status.PAIRED, waiting_since=since)
    client = login(world.users["curator"])
    shown = f"{since:%d.%m.%Y}"
    assert shown in client.get(reverse("people:person_detail", args=[waiting.person.uuid])).content.decode()
    assert (
        shown not in client.get(reverse("people:person_detail", args=[paired.person.uuid])).content.decode()
    )
    bank = client.get(reverse("people:mentee_list")).content.decode()
    assert bank.count(shown) == 1
