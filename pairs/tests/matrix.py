"""Every URL of the pairs app × role. Mentor and mentee of school A are in the world's pair."""

from __future__ import annotations

from django.core.files.base import ContentFile

from mentoring.tests.matrix import EVERYONE, STAFF_READERS, Case, parent_refused, roles, url
from pairs.tests.factories import world_meeting, world_pair, world_planned_meeting, world_waiting_mentee

MANAGERS = ("admin", "curator")
PARTICIPANTS_AND_READERS = (*STAFF_READERS, "mentor", "mentee")


def _pair(w):
    return world_pair(w).uuid


def _pair_with_scan(w):
    pair = world_pair(w)
    if not pair.mentor_consent_scan:
        pair.mentor_consent_scan.save("consent.pdf", ContentFile(b"%PDF-1.4\n%scan\n"), save=True)
    return pair.uuid


def _planned(w):
    return world_planned_meeting(w).uuid


def _planned_today(w):
    """A meeting planned for today: the first day it may be marked held."""
    from datetime import date

    from pairs.tests.factories import plan_meeting

    if "planned_today" not in w.extra:
        w.extra["planned_today"] = plan_meeting(world_pair(w), on=date.today())
    return w.extra["planned_today"].uuid


def _item(w):
    return world_pair(w).program.items.first().pk


CASES = {
    "pairs:pair_list": Case(url("pairs:pair_list"), roles(allowed=STAFF_READERS)),
    "pairs:my_pairs": Case(url("pairs:my_pairs"), roles(allowed=EVERYONE)),
    "pairs:pair_create": Case(url("pairs:pair_create"), roles(allowed=MANAGERS)),
    "pairs:waiting_list": Case(url("pairs:waiting_list"), roles(allowed=STAFF_READERS)),
    "pairs:support_add": Case(
        url("pairs:support_add", lambda w: world_waiting_mentee(w).uuid),
        parent_refused(roles(302, allowed=MANAGERS)),
        method="post",
        data=lambda w: {"date": "2025-01-10", "action": "беседа с психологом"},
    ),
    "pairs:mentee_match": Case(
        url("pairs:mentee_match", lambda w: world_waiting_mentee(w).uuid),
        parent_refused(roles(allowed=MANAGERS)),
    ),
    "pairs:proposal": Case(url("pairs:proposal"), roles(allowed=MANAGERS)),
    "pairs:pair_detail": Case(url("pairs:pair_detail", _pair), roles(allowed=PARTICIPANTS_AND_READERS)),
    # Changing the status: POST; a refused action still redirects back with a message.
    "pairs:pair_activate": Case(
        url("pairs:pair_activate", _pair), roles(302, allowed=MANAGERS, denied=403), method="post"
    ),
    "pairs:pair_complete": Case(
        url("pairs:pair_complete", _pair), roles(302, allowed=MANAGERS), method="post", data=lambda w: {}
    ),
    "pairs:pair_terminate": Case(
        url("pairs:pair_terminate", _pair), roles(302, allowed=MANAGERS), method="post", data=lambda w: {}
    ),
    "pairs:program_edit": Case(url("pairs:program_edit", _pair), roles(allowed=MANAGERS)),
    "pairs:pair_edit": Case(url("pairs:pair_edit", _pair), roles(allowed=MANAGERS)),
    "pairs:pair_consent_scan": Case(
        url("pairs:pair_consent_scan", _pair_with_scan), roles(allowed=(*STAFF_READERS, "mentor"))
    ),
    "pairs:program_from_template": Case(
        url("pairs:program_from_template", _pair),
        roles(302, allowed=MANAGERS),
        method="post",
        data=lambda w: {"template": "young_teacher"},
    ),
    # The curator sends the programme for approval; only the director approves or returns it.
    "pairs:program_submit": Case(
        url("pairs:program_submit", _pair), roles(302, allowed=MANAGERS), method="post"
    ),
    "pairs:program_approve": Case(
        url("pairs:program_approve", _pair), roles(302, allowed=("director",)), method="post"
    ),
    "pairs:program_return": Case(
        url("pairs:program_return", _pair),
        roles(302, allowed=("director",)),
        method="post",
        data=lambda w: {"comment": "уточнить сроки"},
    ),
    "pairs:program_pdf": Case(url("pairs:program_pdf", _pair), roles(allowed=PARTICIPANTS_AND_READERS)),
    "pairs:item_progress": Case(
        url("pairs:item_progress", _pair, _item),
        roles(302, allowed=(*MANAGERS, "mentor")),
        method="post",
        data=lambda w: {"done": "on", "evidence": "конспект"},
    ),
    "pairs:meeting_new": Case(url("pairs:meeting_new", _pair), roles(allowed=(*MANAGERS, "mentor"))),
    "pairs:meeting_plan": Case(url("pairs:meeting_plan", _pair), roles(allowed=(*MANAGERS, "mentor"))),
    "pairs:meeting_hold": Case(
        url("pairs:meeting_hold", _planned_today), roles(allowed=(*MANAGERS, "mentor"))
    ),
    "pairs:meeting_move": Case(url("pairs:meeting_move", _planned), roles(allowed=(*MANAGERS, "mentor"))),
    "pairs:meeting_cancel": Case(
        url("pairs:meeting_cancel", _planned), roles(302, allowed=(*MANAGERS, "mentor")), method="post"
    ),
    "pairs:meeting_miss": Case(
        url("pairs:meeting_miss", _planned), roles(302, allowed=(*MANAGERS, "mentor")), method="post"
    ),
    "pairs:meetings_pdf": Case(url("pairs:meetings_pdf", _pair), roles(allowed=PARTICIPANTS_AND_READERS)),
    "pairs:meetings_xlsx": Case(url("pairs:meetings_xlsx", _pair), roles(allowed=PARTICIPANTS_AND_READERS)),
    "pairs:feedback_new": Case(
        url("pairs:feedback_new", lambda w: world_meeting(w).uuid), roles(allowed=("mentor", "mentee"))
    ),
}

# Pairs, programmes and meetings do not exist for the municipal coordinator: 404 on each record.
for _name in (
    "pairs:feedback_new",
    "pairs:item_progress",
    "pairs:meeting_cancel",
    "pairs:meeting_hold",
    "pairs:meeting_miss",
    "pairs:meeting_move",
    "pairs:meeting_new",
    "pairs:meeting_plan",
    "pairs:meetings_pdf",
    "pairs:meetings_xlsx",
    "pairs:pair_activate",
    "pairs:pair_complete",
    "pairs:pair_consent_scan",
    "pairs:pair_detail",
    "pairs:pair_edit",
    "pairs:pair_terminate",
    "pairs:program_approve",
    "pairs:program_edit",
    "pairs:program_return",
    "pairs:program_submit",
    "pairs:program_from_template",
    "pairs:program_pdf",
):
    CASES[_name].expect["coordinator"] = 404
# The waiting mentee's pages refuse the coordinator's role before loading the record: 403 for the
# coordinator of another municipality too.
for _name in ("pairs:mentee_match", "pairs:support_add"):
    CASES[_name].expect["other_coordinator"] = 403
