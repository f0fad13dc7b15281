"""The contract of actions: the actor in the history, one transaction, one refusal error, shown
one way in views."""

from __future__ import annotations

import pghistory
import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from mentoring.lib.actions import SYSTEM_USERNAME, ActionRefused, action, permits, refusals
from people.models import Person
from people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@action
def person_rename(person: Person, *, actor, last_name: str) -> Person:
    person.last_name = last_name
    person.save(update_fields=["last_name"])
    return person


@action
def person_rename_refused(person: Person, *, actor) -> None:
    person_rename(person, actor=actor, last_name="Записано и отменено")
    raise ActionRefused("Нельзя переименовать.")


@action
def people_rename_both(first: Person, second: Person, *, actor) -> None:
    person_rename(first, actor=actor, last_name="Первая")
    try:
        person_rename_refused(second, actor=actor)
    except ActionRefused:
        pass
    person_rename(second, actor=actor, last_name="Вторая")


def _context_of_last_change(person: Person) -> dict:
    event = person.events.select_related("pgh_context").order_by("-pgh_id").first()
    return event.pgh_context.metadata


def test_the_actor_is_in_the_history_of_what_the_action_wrote(world):
    curator = world.users["curator"]
    person_rename(world.staff, actor=curator, last_name="Иванова")
    context = _context_of_last_change(world.staff)
    assert context == {"user": curator.pk, "username": "curator", "action": "person_rename"}


def test_without_an_actor_the_history_names_the_system_user(world):
    person_rename(world.staff, actor=None, last_name="Иванова")
    assert _context_of_last_change(world.staff)["username"] == SYSTEM_USERNAME
    system = type(world.users["curator"]).objects.get(username=SYSTEM_USERNAME)
    assert not system.is_active and not system.has_usable_password()
    assert not system.memberships.exists()


def test_inside_a_request_the_action_adds_to_the_request_context(world):
    # What the audit middleware opens for a POST: the url stays, the action's names are added.
    with pghistory.context(user=world.users["curator"].pk, url="/people/"):
        person_rename(world.staff, actor=world.users["curator"], last_name="Иванова")
    context = _context_of_last_change(world.staff)
    assert (context["url"], context["username"], context["action"]) == (
        "/people/",
        "curator",
        "person_rename",
    )


def test_the_actor_is_a_required_keyword(world):
    with pytest.raises(TypeError, match="actor"):
        person_rename(world.staff, last_name="Иванова")

    with pytest.raises(TypeError, match="keyword-only"):

        @action
        def person_touch(person, actor):  # pragma: no cover - refused at decoration
            pass


def test_a_refusal_rolls_back_everything_the_action_wrote(world):
    with pytest.raises(ActionRefused) as refused:
        person_rename_refused(world.staff, actor=world.users["curator"])
    assert str(refused.value) == "Нельзя переименовать."
    assert Person.objects.get(pk=world.staff.pk).last_name == "Сидорова"


def test_a_refusal_is_a_validation_error_and_a_validation_error_leaves_as_a_refusal(world):
    @action
    def person_check(person, *, actor):
        raise ValidationError({"last_name": "Фамилия обязательна."})

    with pytest.raises(ActionRefused) as refused:
        person_check(world.staff, actor=None)
    assert isinstance(refused.value, ValidationError)
    assert refused.value.message_dict == {"last_name": ["Фамилия обязательна."]}


def test_nested_actions_share_the_outer_context_and_roll_back_alone(world):
    first, second = world.staff, PersonFactory(organization=world.org)
    people_rename_both(first, second, actor=world.users["curator"])
    assert Person.objects.get(pk=second.pk).last_name == "Вторая"
    events = [*first.events.all(), *second.events.all()]
    assert len({e.pgh_context_id for e in events if e.pgh_label == "update"}) == 1
    assert _context_of_last_change(second)["action"] == "people_rename_both"
    assert not second.events.filter(last_name="Записано и отменено").exists()


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_view_shows_a_refusal_as_a_message_and_goes_on():
    request = _request()
    with refusals(request) as refused:
        raise ActionRefused("Утвердить можно только отправленную на утверждение.")
    assert refused
    assert [str(m) for m in get_messages(request)] == ["Утвердить можно только отправленную на утверждение."]


def test_a_view_shows_a_refusal_as_the_form_error():
    class TitleForm(forms.Form):
        title = forms.CharField()

    form = TitleForm({"title": "x"})
    assert form.is_valid()
    with refusals(_request(), form) as refused:
        raise ActionRefused("Черновик уже есть.")
    assert refused and form.non_field_errors() == ["Черновик уже есть."]
    with refusals(_request(), form) as refused:
        pass
    assert not refused


def test_permits_says_whether_a_guard_lets_the_action_through():
    def check_draft(status: str, *, strict: bool = True) -> None:
        if strict and status != "draft":
            raise ActionRefused("Только черновик.")

    assert permits(check_draft, "draft")
    assert not permits(check_draft, "approved")
    assert permits(check_draft, "approved", strict=False)


def test_permits_lets_any_other_error_through():
    def broken(_):
        raise KeyError("bug")

    with pytest.raises(KeyError):
        permits(broken, 1)
