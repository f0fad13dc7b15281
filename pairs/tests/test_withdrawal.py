"""Withdrawal of consent ends access: the account, its sessions and the person's pairs."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from pghistory.models import Context

from pairs.actions import WITHDRAWAL_REASON
from pairs.models import Pair, PairMentee
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair, world_pair
from people.actions import consent_withdraw
from people.models import Mentee, User

pytestmark = pytest.mark.django_db

PASSWORD = "pass-Word-123"


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_withdrawn_mentor_loses_the_account_sessions_and_the_pair(world):
    pair = world_pair(world)
    mentor_user, curator = world.users["mentor"], world.users["curator"]
    mentee = pair.mentees.get()
    own, others = _logged_in(mentor_user), _logged_in(curator)
    card = reverse("people:person_detail", args=[mentee.person.uuid])
    assert own.get(card).status_code == 200

    consent_withdraw(world.person_of("mentor"), actor=curator)

    mentor_user.refresh_from_db()
    assert not mentor_user.is_active and not mentor_user.has_usable_password()
    assert mentor_user.username == f"withdrawn-{mentor_user.pk}"
    assert (mentor_user.first_name, mentor_user.email) == ("", "")
    # Their session is gone: the next request goes to the login page. The curator's stays.
    response = own.get(card)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert others.get(reverse("dashboard")).status_code == 200
    assert all(s.get_decoded().get("_auth_user_id") != str(mentor_user.pk) for s in Session.objects.all())
    pair.refresh_from_db()
    assert pair.status == Pair.Status.TERMINATED and pair.end_reason == WITHDRAWAL_REASON
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.WAITING


def test_the_withdrawn_mentor_cannot_log_in(world, client):
    world_pair(world)
    consent_withdraw(world.person_of("mentor"), actor=world.users["curator"])
    for username in ("mentor", f"withdrawn-{world.users['mentor'].pk}"):
        response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
        assert response.status_code == 200, username
        assert "правильные имя пользователя и пароль" in response.content.decode()


def test_the_old_login_is_replaced_in_the_history_context_and_the_login_log(world):
    from axes.models import AccessAttempt

    world_pair(world)
    user = world.users["mentor"]
    Context.objects.create(metadata={"username": "mentor", "user": user.pk})
    AccessAttempt.objects.create(username="mentor", ip_address="10.0.0.1", failures_since_start=1)
    consent_withdraw(world.person_of("mentor"), actor=world.users["curator"])
    assert not Context.objects.filter(metadata__username="mentor").exists()
    assert Context.objects.filter(metadata__username=f"withdrawn-{user.pk}").exists()
    assert not AccessAttempt.objects.filter(username="mentor").exists()


def test_a_group_goes_on_without_the_withdrawn_mentee(world):
    mentor = consenting_mentor(world.org)
    leaving, staying = consenting_mentee(world.org), consenting_mentee(world.org)
    group = make_pair(world.org, [mentor], [leaving, staying], status=Pair.Status.ACTIVE)
    consent_withdraw(leaving.person, actor=world.users["curator"])
    group.refresh_from_db()
    assert group.status == Pair.Status.ACTIVE
    assert list(PairMentee.objects.filter(pair=group).values_list("mentee", flat=True)) == [staying.pk]
    leaving.refresh_from_db()
    assert leaving.status == Mentee.Status.COMPLETED


def test_a_pair_ends_when_its_only_mentee_withdraws(world):
    pair = world_pair(world)
    consent_withdraw(pair.mentees.get().person, actor=world.users["curator"])
    pair.refresh_from_db()
    assert pair.status == Pair.Status.TERMINATED
    assert pair.mentees.get().status == Mentee.Status.COMPLETED  # as before: a paired mentee completes
