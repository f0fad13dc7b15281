from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts import actions
from accounts.models import Invitation
from mentoring.lib.actions import ActionRefused
from people.models import ACCOUNT_ACTIVE, ACCOUNT_INVITED, ACCOUNT_NONE, Membership, Person
from people.tests.factories import MenteeFactory, MentorFactory, PersonFactory, StudentFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Nastavnik-2024!"


def _state(person: Person) -> str:
    return Person.objects.with_account_state().get(pk=person.pk).account_state


@pytest.fixture
def mentor(world):
    return MentorFactory(person=PersonFactory(organization=world.org, email="kuz@example.ru")).person


@pytest.fixture
def mentee(world):
    return MenteeFactory(person=StudentFactory(organization=world.org, last_name="Смирнов")).person


def test_creates_account_with_the_role_of_the_bank_entry_and_e_mails_the_link(
    world, mentor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.accounts_create([mentor], actor=world.users["curator"], channel="email")
    mentor.refresh_from_db()
    assert result.summary() == {"accounts_created": 1, "emailed": 1, "slips": 0, "skipped": []}
    assert set(Membership.objects.filter(user=mentor.user).values_list("role", flat=True)) == {"mentor"}
    assert mentor.user.email == "kuz@example.ru" and not mentor.user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kuz@example.ru"]
    assert mentor.user.username in mail.outbox[0].body and "/access/activate/" in mail.outbox[0].body
    assert _state(mentor) == ACCOUNT_INVITED


def test_login_is_readable_unique_and_never_the_surname(world):
    people = [
        MentorFactory(person=PersonFactory(organization=world.org, first_name="Мария")).person
        for _ in range(5)
    ]
    actions.accounts_create(people, actor=None, channel="slip")
    logins = [Person.objects.get(pk=p.pk).user.username for p in people]
    assert len(set(logins)) == 5
    for login, person in zip(logins, people, strict=True):
        assert login.startswith("mariya") and login[6:].isdigit()
        assert actions.transliterate(person.last_name) not in login


def test_both_bank_entries_give_both_roles(world):
    person = PersonFactory(organization=world.org)
    MentorFactory(person=person)
    MenteeFactory(person=person)
    actions.accounts_create([person], actor=None, channel="slip")
    person.refresh_from_db()
    assert set(Membership.objects.filter(user=person.user).values_list("role", flat=True)) == {
        "mentor",
        "mentee",
    }


def test_skips_with_reasons_and_changes_nothing_for_them(world, mentee):
    outside = PersonFactory(organization=world.org, last_name="Безбанкова")
    no_mail = MentorFactory(person=PersonFactory(organization=world.org, email="")).person
    result = actions.accounts_create([outside, no_mail, mentee], actor=None, channel="email")
    reasons = {p.pk: reason for p, reason in result.skipped}
    assert reasons[outside.pk] == "нет записи в банке наставников или наставляемых"
    assert reasons[no_mail.pk].startswith("нет адреса электронной почты")
    assert not Person.objects.filter(pk__in=[outside.pk, no_mail.pk, mentee.pk], user__isnull=False).exists()


def test_auto_mails_who_has_an_address_and_prints_a_slip_for_the_rest(world, mentor, mentee):
    result = actions.accounts_create([mentor, mentee], actor=None, channel="auto")
    assert [i.person_id for i in result.emailed] == [mentor.pk]
    assert [s.person.pk for s in result.slips] == [mentee.pk]
    assert len(result.slips[0].code) == 9  # XXXX-XXXX


def test_an_active_account_is_left_alone(world):
    person = world.person_of("mentor")
    MentorFactory(person=person)
    result = actions.accounts_create([person], actor=None, channel="slip")
    assert result.skipped[0][1] == "учётная запись уже активна"
    assert _state(person) == ACCOUNT_ACTIVE


def test_a_new_invitation_replaces_the_pending_one(world, mentee):
    first = actions.accounts_create([mentee], actor=None, channel="slip").slips[0]
    second = actions.accounts_create([mentee], actor=None, channel="slip")
    assert second.summary()["accounts_created"] == 0 and second.slips[0].username == first.username
    old = actions.find_by_code(first.username, first.code)
    assert actions.invitation_refusal(old).startswith("Это приглашение заменено новым")
    assert Invitation.objects.filter(person=mentee).open().count() == 1


def test_the_link_sets_the_password_once(world, mentee):
    slip = actions.accounts_create([mentee], actor=None, channel="slip").slips[0]
    invitation = actions.find_by_token(slip.link.rstrip("/").rsplit("/", 1)[1])
    user = actions.invitation_accept(invitation, actor=None, password=PASSWORD)
    assert user.check_password(PASSWORD) and _state(mentee) == ACCOUNT_ACTIVE
    with pytest.raises(ActionRefused, match="уже использовано"):
        actions.invitation_accept(invitation, actor=None, password="Другой-пароль-77")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_code_with_the_login_finds_the_invitation_in_any_case_and_dashes(world, mentee):
    slip = actions.accounts_create([mentee], actor=None, channel="slip").slips[0]
    assert actions.find_by_code(slip.username.upper(), slip.code.replace("-", " ").lower()) is not None
    assert actions.find_by_code(slip.username, "AAAA-AAAA") is None


def test_an_expired_invitation_is_refused(world, mentee):
    slip = actions.accounts_create([mentee], actor=None, channel="slip").slips[0]
    invitation = actions.find_by_code(slip.username, slip.code)
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ActionRefused, match="Срок действия приглашения истёк"):
        actions.invitation_accept(invitation, actor=None, password=PASSWORD)
    assert _state(mentee) == ACCOUNT_INVITED


def test_a_weak_password_is_refused_and_the_invitation_stays_open(world, mentee):
    slip = actions.accounts_create([mentee], actor=None, channel="slip").slips[0]
    invitation = actions.find_by_code(slip.username, slip.code)
    with pytest.raises(ActionRefused):
        actions.invitation_accept(invitation, actor=None, password="123")
    assert actions.invitation_refusal(Invitation.objects.get(pk=invitation.pk)) is None


def test_nobody_invited_shows_as_none(world, mentee):
    assert _state(mentee) == ACCOUNT_NONE
