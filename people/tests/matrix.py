from __future__ import annotations

from django.core.files.base import ContentFile

from mentoring.tests.matrix import STAFF_READERS, Case, roles, url

MANAGERS = ("admin", "curator")


def _mentor(world):
    if "mentor" not in world.extra:
        from people.tests.factories import MentorFactory

        world.extra["mentor"] = MentorFactory(person=world.staff)
    return world.extra["mentor"]


def _mentee(world):
    if "mentee" not in world.extra:
        from people.tests.factories import MenteeFactory

        world.extra["mentee"] = MenteeFactory(person=world.staff)
    return world.extra["mentee"]


def _consent(world):
    if "consent" not in world.extra:
        from people.tests.factories import ConsentFactory

        consent = ConsentFactory(person=world.staff)
        consent.scan.save("scan.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        world.extra["consent"] = consent
    return world.extra["consent"]


def _act(world):
    if "act" not in world.extra:
        from people.actions import consent_withdraw
        from people.tests.factories import ConsentFactory, PersonFactory

        consent = ConsentFactory(person=PersonFactory(organization=world.org))
        world.extra["act"] = consent_withdraw(consent.person, actor=world.users["curator"])
    return world.extra["act"]


def _staff_with_consent(world):
    """The world's staff member with a consent on file: the withdrawal form opens only then."""
    if "staff_consent" not in world.extra:
        from people.tests.factories import ConsentFactory

        world.extra["staff_consent"] = ConsentFactory(person=world.staff)
    return world.staff.uuid


# A record the user may not read does not exist for them: 404, like another school's records.
HIDDEN = dict(denied=404)

CASES = {
    "people:person_list": Case(url("people:person_list"), roles(allowed=STAFF_READERS)),
    "people:person_detail": Case(
        url("people:person_detail", lambda w: w.staff.uuid), roles(allowed=STAFF_READERS, **HIDDEN)
    ),
    "people:person_create": Case(url("people:person_create"), roles(allowed=MANAGERS)),
    "people:person_edit": Case(
        url("people:person_edit", lambda w: w.staff.uuid),
        {**roles(allowed=MANAGERS, **HIDDEN), "director": 403},
    ),
    "people:representative_add": Case(
        url("people:representative_add", lambda w: w.student.uuid),
        {**roles(allowed=MANAGERS, **HIDDEN), "director": 403},
    ),
    "people:organization_requisites": Case(url("people:organization_requisites"), roles(allowed=MANAGERS)),
    "people:audit_log": Case(url("people:audit_log"), roles(allowed=("admin",))),
    "people:access_log": Case(url("people:access_log"), roles(allowed=("admin",))),
    "people:consent_create": Case(
        url("people:consent_create", lambda w: w.staff.uuid),
        {**roles(allowed=MANAGERS, **HIDDEN), "director": 403},
    ),
    "people:consent_withdraw": Case(
        url("people:consent_withdraw", _staff_with_consent),
        {**roles(allowed=MANAGERS, **HIDDEN), "director": 403},
    ),
    "people:consent_blank": Case(
        url("people:consent_blank", lambda w: w.staff.uuid, "processing"),
        roles(allowed=STAFF_READERS, **HIDDEN),
    ),
    "people:consent_scan": Case(
        url("people:consent_scan", lambda w: _consent(w).uuid), roles(allowed=STAFF_READERS, **HIDDEN)
    ),
    "people:destruction_act": Case(
        url("people:destruction_act", lambda w: _act(w).uuid), roles(allowed=STAFF_READERS, **HIDDEN)
    ),
    "people:mentor_list": Case(url("people:mentor_list"), roles(allowed=STAFF_READERS)),
    "people:mentee_list": Case(url("people:mentee_list"), roles(allowed=STAFF_READERS)),
    "people:mentor_export": Case(
        url("people:mentor_export"), roles(302, allowed=STAFF_READERS), method="post"
    ),
    "people:mentee_export": Case(
        url("people:mentee_export"), roles(302, allowed=STAFF_READERS), method="post"
    ),
    "people:mentor_create": Case(url("people:mentor_create"), roles(allowed=MANAGERS)),
    "people:mentee_create": Case(url("people:mentee_create"), roles(allowed=MANAGERS)),
    "people:mentor_status": Case(
        url("people:mentor_status", lambda w: _mentor(w).uuid),
        {**roles(302, allowed=MANAGERS, **HIDDEN), "director": 403},
        method="post",
        data=lambda w: {"status": "candidate"},
    ),
    "people:mentee_status": Case(
        url("people:mentee_status", lambda w: _mentee(w).uuid),
        {**roles(302, allowed=MANAGERS, **HIDDEN), "director": 403},
        method="post",
        data=lambda w: {"status": "application"},
    ),
    "people:mentor_training_add": Case(
        url("people:mentor_training_add", lambda w: _mentor(w).uuid),
        {**roles(302, allowed=MANAGERS, **HIDDEN), "director": 403},
        method="post",
        data=lambda w: {"date": "2024-10-01", "topic": "Установочная сессия", "hours": "2"},
    ),
    "people:mentee_support_add": Case(
        url("people:mentee_support_add", lambda w: _mentee(w).uuid),
        {**roles(302, allowed=MANAGERS, **HIDDEN), "director": 403},
        method="post",
        data=lambda w: {"date": "2024-10-01", "action": "Беседа с педагогом-психологом"},
    ),
    "people:import_upload": Case(url("people:import_upload"), roles(allowed=MANAGERS)),
    "people:import_confirm": Case(url("people:import_confirm"), roles(302, allowed=MANAGERS), method="post"),
    "people:import_map": Case(url("people:import_map"), roles(302, allowed=MANAGERS), method="post"),
    "people:import_errors": Case(url("people:import_errors"), roles(302, allowed=MANAGERS)),
    "people:import_template": Case(url("people:import_template", "staff"), roles(allowed=MANAGERS)),
}
