from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from people.tests.factories import StudentFactory
from reports.events.models import Event, Protocol
from reports.events.tests.factories import held_event, make_event, make_protocol

pytestmark = pytest.mark.django_db


def test_curator_can_plan_an_event_with_people_and_a_class(world, login):
    StudentFactory.create_batch(2, organization=world.org, school_class="6А")
    organizer = world.person_of("curator")
    response = login(world.users["curator"]).post(
        reverse("events:event_create"),
        {
            "kind": Event.Kind.PARENTS_MEETING,
            "title": "Родительское собрание о наставничестве",
            "day": (timezone.localdate() + timedelta(days=5)).isoformat(),
            "at": "18:00",
            "place": "каб. 12",
            "organizer": organizer.pk,
            "people": [world.staff.pk],
            "classes": "6А",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert event.organization == world.org
    assert event.classes.get().enrolled == 2
    assert timezone.localtime(event.starts_at).hour == 18


def test_a_bad_class_list_shows_a_russian_message_and_creates_nothing(world, login):
    response = login(world.users["curator"]).post(
        reverse("events:event_create"),
        {
            "kind": Event.Kind.CLASS_HOUR,
            "title": "Классный час",
            "day": timezone.localdate().isoformat(),
            "at": "10:00",
            "organizer": world.person_of("curator").pk,
            "classes": "пятый",
        },
    )
    assert response.status_code == 200
    assert "не название класса" in response.content.decode()
    assert not Event.objects.exists()


def test_curator_marks_attendance_and_the_event_is_held(world, login):
    StudentFactory.create_batch(3, organization=world.org, school_class="8Б")
    event = make_event(world.org, people=[world.staff], classes="8Б")
    entry = event.classes.get()
    response = login(world.users["curator"]).post(
        reverse("events:event_attendance", args=[event.uuid]),
        {f"p{world.staff.pk}": "on", f"c{entry.pk}": "2"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_held and event.classes.get().present == 2


def test_too_many_present_is_refused_by_the_form(world, login):
    StudentFactory(organization=world.org, school_class="8Б")
    event = make_event(world.org, classes="8Б")
    entry = event.classes.get()
    response = login(world.users["curator"]).post(
        reverse("events:event_attendance", args=[event.uuid]), {f"c{entry.pk}": "9"}
    )
    assert "В 8Б классе 1 обучающийся." in response.content.decode()
    event.refresh_from_db()
    assert event.is_planned


def test_curator_writes_the_protocol_and_gets_number_1(world, login):
    event = held_event(world.org, people=[world.staff])
    chair = world.person_of("director")
    data = {
        "date": timezone.localdate().isoformat(),
        "chair": chair.pk,
        "secretary": world.staff.pk,
        "title_1": "О наставничестве",
        "heard_1": "Куратора.",
        "decided_1": "Принять к сведению.",
    }
    response = login(world.users["curator"]).post(reverse("events:protocol_create", args=[event.uuid]), data)
    protocol = Protocol.objects.get()
    assert response.url == protocol.get_absolute_url()
    assert protocol.sequence == 1 and protocol.agenda[0]["decided"] == "Принять к сведению."


def test_protocol_without_a_decision_shows_why(world, login):
    event = held_event(world.org, people=[world.staff])
    data = {
        "date": timezone.localdate().isoformat(),
        "chair": world.staff.pk,
        "secretary": world.staff.pk,
        "title_1": "О наставничестве",
    }
    response = login(world.users["curator"]).post(reverse("events:protocol_create", args=[event.uuid]), data)
    assert "запишите, что РЕШИЛИ" in response.content.decode()
    assert not Protocol.objects.exists()


def test_material_with_a_wrong_extension_is_refused(world, login):
    event = make_event(world.org)
    upload = SimpleUploadedFile("план.pdf", b"PK\x03\x04not a pdf")
    response = login(world.users["curator"]).post(
        reverse("events:material_add", args=[event.uuid]), {"file": upload}, follow=True
    )
    assert "Файл не добавлен" in response.content.decode()
    assert not event.materials.exists()


def test_material_is_served_to_an_invited_mentee(world, login):
    event = make_event(world.org, people=[world.person_of("mentee")])
    login(world.users["curator"]).post(
        reverse("events:material_add", args=[event.uuid]),
        {"name": "Программа", "file": SimpleUploadedFile("p.pdf", b"%PDF-1.4\n%%EOF")},
    )
    material = event.materials.get()
    response = login(world.users["mentee"]).get(
        reverse("events:material_file", args=[event.uuid, material.pk])
    )
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_mentor_not_invited_sees_no_events_in_the_list(world, login):
    make_event(world.org, people=[world.staff])
    response = login(world.users["mentor"]).get(reverse("events:event_list"))
    assert "Педагогический совет по наставничеству" not in response.content.decode()


def test_list_filters_by_kind(world, login):
    make_event(world.org)
    response = login(world.users["curator"]).get(reverse("events:event_list"), {"kind": Event.Kind.CONTEST})
    assert "Мероприятий с такими условиями нет" in response.content.decode()


def test_other_school_events_are_not_listed(world, login):
    make_event(world.other_org)
    response = login(world.users["curator"]).get(reverse("events:event_list"))
    assert "Педагогический совет по наставничеству" not in response.content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_event_list_queries_do_not_grow_with_rows(world, login):
    client = login(world.users["curator"])
    make_protocol(held_event(world.org, people=[world.staff]))
    few = _count(client, reverse("events:event_list"))
    for _ in range(4):
        make_protocol(held_event(world.org, people=[world.staff]))
    assert _count(client, reverse("events:event_list")) == few


def test_protocol_list_queries_do_not_grow_with_rows(world, login):
    client = login(world.users["curator"])
    make_protocol(held_event(world.org, people=[world.staff]))
    few = _count(client, reverse("events:protocol_list"))
    for _ in range(4):
        make_protocol(held_event(world.org, people=[world.staff]))
    assert _count(client, reverse("events:protocol_list")) == few


def test_protocol_register_shows_each_number_with_its_date_and_academic_year(world, login):
    from mentoring.lib import academic_year as years

    protocol = make_protocol(held_event(world.org, people=[world.staff]))
    page = login(world.users["curator"]).get(reverse("events:protocol_list")).content.decode()
    assert f"№ {protocol.number} от {protocol.date:%d.%m.%Y}" in page
    assert f"<td>{years.label(protocol.year)}</td>" in page
