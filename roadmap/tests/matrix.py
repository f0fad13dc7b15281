from __future__ import annotations

from mentoring.tests.matrix import ALL, EVERYONE, STAFF_READERS, Case, parent_refused, roles, url
from roadmap.models import CalendarToken, Roadmap
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, RoadmapFactory, StageFactory


def _roadmap(world, status: str) -> Roadmap:
    key = f"roadmap_{status}"
    if key not in world.extra:
        factory = ApprovedRoadmapFactory if status == "approved" else RoadmapFactory
        roadmap = factory(organization=world.org, status=status)
        stage = StageFactory(roadmap=roadmap, number=1)
        activity = ActivityFactory(stage=stage)
        activity.responsible.add(world.person_of("mentor"))
        world.extra[key] = roadmap
        world.extra[f"activity_{status}"] = activity
    return world.extra[key]


def _activity(world, status: str):
    _roadmap(world, status)
    return world.extra[f"activity_{status}"]


def _suggestion(world):
    """An offer of evidence for the approved roadmap's activity, decided by the first allowed call."""
    from django.utils import timezone

    from roadmap.actions import evidence_offer
    from roadmap.models import EvidenceSuggestion

    activity = _activity(world, "approved")
    evidence_offer(
        [activity], activity.stage.roadmap, label="Подписан приказ", url="", happened_on=timezone.localdate()
    )
    return EvidenceSuggestion.objects.get(activity=activity)


def _occurrence(world):
    """A due window of the approved roadmap's activity, made quarterly."""
    from roadmap.actions import schedule_occurrences

    activity = _activity(world, "approved")
    if not activity.occurrences.exists():
        activity.recurrence = "quarterly"
        year = activity.stage.roadmap.academic_year
        activity.start, activity.end = year.starts_on, year.ends_on
        activity.save()
        schedule_occurrences([activity], activity.stage.roadmap.year_start)
    return activity.occurrences.first()


def _token(world) -> str:
    return CalendarToken.objects.get_or_create(person=world.staff)[0].token


APPROVE_DATA = {"approved_on": "2024-09-02", "order_number": "41-од", "order_date": "2024-09-02"}
CURATOR = ("curator",)
DIRECTOR = ("director",)
# The global admin holds no card in the school, so has no calendar of its own.
WITH_CARD = ("director", "curator", "mentor", "mentee")
# The municipal coordinator reads the roadmaps in force of its municipality's schools.
READ_IN_FORCE = (*EVERYONE, "coordinator")

CASES = {
    "roadmap:roadmap_list": Case(url("roadmap:roadmap_list"), parent_refused(roles(allowed=READ_IN_FORCE))),
    "roadmap:roadmap_create": Case(url("roadmap:roadmap_create"), roles(allowed=CURATOR)),
    "roadmap:roadmap_import": Case(url("roadmap:roadmap_import"), roles(allowed=CURATOR)),
    # Without a file read first, the preview sends the curator back to the upload page.
    "roadmap:roadmap_import_preview": Case(
        url("roadmap:roadmap_import_preview"), roles(302, allowed=CURATOR)
    ),
    "roadmap:my_activities": Case(url("roadmap:my_activities"), parent_refused(roles(allowed=EVERYONE))),
    "roadmap:calendar_token_reset": Case(
        url("roadmap:calendar_token_reset"),
        parent_refused({**roles(302, allowed=WITH_CARD), "admin": 404}),
        method="post",
    ),
    # The secret in the link is the credential: calendar apps fetch it without a session.
    "roadmap:calendar_feed": Case(
        url("roadmap:calendar_feed", _token), {**roles(allowed=ALL), "anonymous": 200}, follow_login=False
    ),
    "roadmap:roadmap_detail": Case(
        url("roadmap:roadmap_detail", lambda w: _roadmap(w, "draft").uuid), roles(allowed=STAFF_READERS)
    ),
    "roadmap:roadmap_edit": Case(
        url("roadmap:roadmap_edit", lambda w: _roadmap(w, "draft").uuid), roles(allowed=CURATOR)
    ),
    "roadmap:roadmap_submit": Case(
        url("roadmap:roadmap_submit", lambda w: _roadmap(w, "draft").uuid),
        roles(302, allowed=CURATOR),
        method="post",
    ),
    "roadmap:roadmap_approve": Case(
        url("roadmap:roadmap_approve", lambda w: _roadmap(w, "review").uuid),
        roles(302, allowed=DIRECTOR),
        method="post",
        data=lambda w: APPROVE_DATA,
    ),
    "roadmap:roadmap_return": Case(
        url("roadmap:roadmap_return", lambda w: _roadmap(w, "review").uuid),
        roles(302, allowed=DIRECTOR),
        method="post",
        data=lambda w: {"comment": "Уточните сроки"},
    ),
    "roadmap:roadmap_amend": Case(
        url("roadmap:roadmap_amend", lambda w: _roadmap(w, "approved").uuid),
        roles(302, allowed=CURATOR),
        method="post",
        data=lambda w: {"reason": "Новый наставник"},
    ),
    "roadmap:roadmap_archive": Case(
        url("roadmap:roadmap_archive", lambda w: _roadmap(w, "approved").uuid),
        roles(302, allowed=DIRECTOR),
        method="post",
    ),
    "roadmap:stage_add": Case(
        url("roadmap:stage_add", lambda w: _roadmap(w, "draft").uuid), roles(allowed=CURATOR)
    ),
    "roadmap:stage_edit": Case(
        url("roadmap:stage_edit", lambda w: _roadmap(w, "draft").uuid, 1), roles(allowed=CURATOR)
    ),
    "roadmap:roadmap_pdf": Case(
        url("roadmap:roadmap_pdf", lambda w: _roadmap(w, "approved").uuid),
        roles(302, allowed=READ_IN_FORCE),
        method="post",
    ),
    "roadmap:roadmap_xlsx": Case(
        url("roadmap:roadmap_xlsx", lambda w: _roadmap(w, "approved").uuid),
        roles(302, allowed=READ_IN_FORCE),
        method="post",
    ),
    "roadmap:activity_add": Case(
        url("roadmap:activity_add", lambda w: _roadmap(w, "draft").uuid, 1), roles(allowed=CURATOR)
    ),
    "roadmap:activity_edit": Case(
        url("roadmap:activity_edit", lambda w: _activity(w, "draft").uuid), roles(allowed=CURATOR)
    ),
    "roadmap:activity_delete": Case(
        url("roadmap:activity_delete", lambda w: _activity(w, "draft").uuid),
        roles(302, allowed=CURATOR),
        method="post",
    ),
    # No file attached: whoever may read the roadmap gets 404, the others 403 first.
    "roadmap:activity_evidence": Case(
        url("roadmap:activity_evidence", lambda w: _activity(w, "approved").uuid),
        roles(404, allowed=READ_IN_FORCE),
    ),
    # The curator and the staff member responsible for the activity (here: the mentor).
    "roadmap:activity_status": Case(
        url("roadmap:activity_status", lambda w: _activity(w, "approved").uuid),
        roles(allowed=("curator", "mentor")),
    ),
    "roadmap:activity_kpi": Case(
        url("roadmap:activity_kpi", lambda w: _activity(w, "approved").uuid),
        roles(allowed=("curator", "mentor")),
    ),
    "roadmap:occurrence_complete": Case(
        url("roadmap:occurrence_complete", lambda w: _occurrence(w).uuid),
        roles(allowed=("curator", "mentor")),
    ),
    "roadmap:evidence_accept": Case(
        url("roadmap:evidence_accept", lambda w: _suggestion(w).uuid),
        roles(302, allowed=CURATOR),
        method="post",
    ),
    "roadmap:evidence_decline": Case(
        url("roadmap:evidence_decline", lambda w: _suggestion(w).uuid),
        roles(302, allowed=CURATOR),
        method="post",
    ),
}
