"""Every URL of the events app × role. The records are made lazily per test in `world.extra`."""

from __future__ import annotations

from mentoring.tests.matrix import EVERYONE, STAFF_READERS, Case, parent_refused, roles, url
from reports.events.models import Event

MANAGERS = ("admin", "curator")


def _event(world) -> Event:
    """A held council with the staff person and the mentee's person invited, a material and a protocol."""
    if "event" not in world.extra:
        from django.core.files.base import ContentFile

        from reports.events import actions
        from reports.events.tests.factories import held_event, make_protocol

        mentee = world.person_of("mentee")
        event = held_event(world.org, people=[world.staff, mentee])
        actions.event_material_add(
            event,
            actor=None,
            name="Программа",
            file=ContentFile(b"%PDF-1.4\n", name="a.pdf"),
            file_type="pdf",
        )
        world.extra["protocol"] = make_protocol(event)
        world.extra["event"] = event
    return world.extra["event"]


def _planned(world) -> Event:
    if "planned" not in world.extra:
        from reports.events.tests.factories import make_event

        world.extra["planned"] = make_event(world.org, people=[world.staff])
    return world.extra["planned"]


def _group(world):
    """A training group of the organization with the world's mentor in it."""
    if "group" not in world.extra:
        from people.models import AcademicYear, Mentor
        from people.tests.factories import MentorFactory
        from reports.events import actions

        person = world.person_of("mentor")
        mentor = Mentor.objects.filter(person=person).first() or MentorFactory(person=person)
        world.extra["group"] = actions.training_group_create(
            world.org,
            actor=None,
            title="Школа наставника",
            academic_year=AcademicYear.objects.current(),
            mentors=[mentor],
        )
    return world.extra["group"]


def group(world):
    return _group(world).uuid


def event(world):
    return _event(world).uuid


def planned(world):
    return _planned(world).uuid


def material(world):
    return _event(world).materials.get().pk


def protocol(world):
    _event(world)
    return world.extra["protocol"].uuid


# The mentee is invited to the event: they see it and its materials, not the protocol; the mentor,
# not invited, does not see it at all.
INVITED = (*STAFF_READERS, "mentee")
EDITORS = roles(allowed=MANAGERS, denied=404) | {"director": 403, "mentee": 403}

# The world's mentor is in the group: they see it (their own row), not change it.
GROUP_READERS = (*STAFF_READERS, "mentor")
GROUP_EDITORS = roles(allowed=MANAGERS, denied=404) | {"director": 403, "mentor": 403}

CASES = {
    "events:training_group_list": Case(url("events:training_group_list"), roles(allowed=GROUP_READERS)),
    "events:training_group_create": Case(url("events:training_group_create"), roles(allowed=MANAGERS)),
    "events:training_group_detail": Case(
        url("events:training_group_detail", group), roles(allowed=GROUP_READERS, denied=404)
    ),
    "events:training_group_edit": Case(url("events:training_group_edit", group), GROUP_EDITORS),
    "events:training_session_plan": Case(url("events:training_session_plan", group), GROUP_EDITORS),
    "events:training_group_complete": Case(
        url("events:training_group_complete", group),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403, "mentor": 403},
        method="post",
        data=lambda w: {},
    ),
    "events:event_list": Case(url("events:event_list"), parent_refused(roles(allowed=EVERYONE))),
    "events:event_create": Case(url("events:event_create"), roles(allowed=MANAGERS)),
    "events:event_detail": Case(url("events:event_detail", event), roles(allowed=INVITED, denied=404)),
    "events:event_edit": Case(url("events:event_edit", event), EDITORS),
    "events:event_attendance": Case(url("events:event_attendance", event), EDITORS),
    "events:event_cancel": Case(
        url("events:event_cancel", planned),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403},
        method="post",
        data=lambda w: {"reason": "карантин"},
    ),
    "events:material_add": Case(
        url("events:material_add", event),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403, "mentee": 403},
        method="post",
        data=lambda w: {},
    ),
    "events:material_file": Case(
        url("events:material_file", event, material), roles(allowed=INVITED, denied=404)
    ),
    "events:material_delete": Case(
        url("events:material_delete", event, material),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403, "mentee": 403},
        method="post",
    ),
    "events:protocol_create": Case(
        url("events:protocol_create", event),
        roles(302, allowed=MANAGERS, denied=404) | {"director": 403, "mentee": 403},
    ),
    "events:protocol_list": Case(url("events:protocol_list"), roles(allowed=STAFF_READERS)),
    "events:protocol_detail": Case(
        url("events:protocol_detail", protocol), roles(allowed=STAFF_READERS, denied=404)
    ),
    "events:protocol_edit": Case(
        url("events:protocol_edit", protocol), roles(allowed=MANAGERS, denied=404) | {"director": 403}
    ),
    "events:protocol_pdf": Case(
        url("events:protocol_pdf", protocol), roles(allowed=STAFF_READERS, denied=404)
    ),
    "events:protocol_docx": Case(
        url("events:protocol_docx", protocol), roles(allowed=STAFF_READERS, denied=404)
    ),
}
