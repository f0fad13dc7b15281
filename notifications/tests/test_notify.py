from __future__ import annotations

import pytest

from notifications import notify
from notifications.models import Email, Kind, Notification, Preference
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notify(users, key="pair-activated:1"):
    return notify(users, kind=Kind.PAIR_ACTIVATED, key=key, title="Пара начала работу", link="/pairs/")


def test_the_same_event_notifies_each_recipient_once():
    alice, bob = UserFactory(email="alice@example.ru"), UserFactory()
    _notify([alice, bob])
    _notify([alice, bob.pk])
    _notify([alice], key="pair-activated:2")
    assert Notification.objects.filter(recipient=alice).count() == 2
    assert Notification.objects.filter(recipient=bob).count() == 1


def test_defaults_are_in_the_app_and_by_email_and_no_address_means_no_letter():
    alice, bob = UserFactory(email="alice@example.ru"), UserFactory(email="")
    _notify([alice, bob])
    assert Notification.objects.get(recipient=alice).email == Email.NOW
    assert Notification.objects.get(recipient=bob).email == Email.NONE
    assert Notification.objects.filter(in_app=True).count() == 2


def test_the_recipients_choice_for_the_kind_is_followed():
    alice, bob = UserFactory(email="alice@example.ru"), UserFactory(email="bob@example.ru")
    Preference.objects.create(user=alice, kind=Kind.PAIR_ACTIVATED, in_app=False, email=Email.DIGEST)
    Preference.objects.create(user=bob, kind=Kind.PAIR_ACTIVATED, in_app=False, email=Email.NONE)
    Preference.objects.create(user=bob, kind=Kind.MEETING, in_app=True, email=Email.NONE)
    _notify([alice, bob])
    note = Notification.objects.get()
    assert (note.recipient, note.in_app, note.email) == (alice, False, Email.DIGEST)


def test_inactive_accounts_and_empty_lists_get_nothing():
    _notify([UserFactory(is_active=False)])
    _notify([])
    assert not Notification.objects.exists()


def test_a_rolled_back_change_leaves_no_notification():
    from django.db import transaction

    alice = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify([alice])
        raise RuntimeError
    assert not Notification.objects.exists()
