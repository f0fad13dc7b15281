"""Attendance is counted one way on every page: invited by name plus classes counted per class."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from people.tests.factories import PersonFactory, StudentFactory
from reports.events import actions
from reports.events.models import Event
from reports.events.tests.factories import make_event

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(strip_tags(response.content.decode())))


@pytest.fixture
def class_hour(world):
    """A held «классный час» for 1А (3 students, all came) and 1Б (2, one came), nobody by name."""
    StudentFactory.create_batch(3, organization=world.org, school_class="1А")
    StudentFactory.create_batch(2, organization=world.org, school_class="1Б")
    event = make_event(world.org, kind=Event.Kind.CLASS_HOUR, classes="1А, 1Б")
    return actions.event_hold(event, actor=None, present=set(), class_counts={"1А": 3, "1Б": 1})


def test_attendance_adds_people_invited_by_name_to_classes_counted_per_class(world):
    StudentFactory.create_batch(4, organization=world.org, school_class="7В")
    guests = PersonFactory.create_batch(2, organization=world.org)
    event = make_event(world.org, people=guests, classes="7В")
    actions.event_hold(event, actor=None, present={guests[0].pk}, class_counts={"7В": 3})
    row = Event.objects.with_attendance().get(pk=event.pk)
    assert (row.named_present, row.named_invited, row.class_present, row.class_enrolled) == (1, 2, 3, 4)
    assert (row.present_count, row.invited_count) == (4, 6)


def test_list_shows_the_class_attendance_the_detail_shows(world, login, class_hour):
    client = login(world.users["curator"])
    listed = _text(client.get(reverse("events:event_list")))
    assert "4 / 5" in listed and "0 / 0" not in listed
    detail = _text(client.get(class_hour.get_absolute_url()))
    assert "Пришли 4 из 5 приглашённых" in detail
    assert re.search(r"1А\s*3 из 3", detail) and re.search(r"1Б\s*1 из 2", detail)


def test_planned_event_shows_a_dash_for_who_came(world, login):
    guests = PersonFactory.create_batch(2, organization=world.org)
    make_event(world.org, people=guests, day=timezone.localdate() + timedelta(days=3))
    listed = _text(login(world.users["curator"]).get(reverse("events:event_list")))
    assert "— / 2" in listed
