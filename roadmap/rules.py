"""Permissions of the roadmap: the curator drafts, the director approves, responsible staff
update their own activities, everybody in the organization (and the municipal coordinator) reads
the roadmap in force."""

from __future__ import annotations

import rules

from people.rules import is_coordinator, is_curator, is_director, is_member, is_staff_reader


@rules.predicate
def is_draft(user, roadmap) -> bool:
    return roadmap is not None and getattr(roadmap, "status", None) == "draft"


@rules.predicate
def is_in_review(user, roadmap) -> bool:
    return roadmap is not None and getattr(roadmap, "status", None) == "review"


@rules.predicate
def is_approved(user, roadmap) -> bool:
    return roadmap is not None and getattr(roadmap, "status", None) == "approved"


@rules.predicate
def is_published(user, roadmap) -> bool:
    """Approved or archived: what mentors and mentees may read."""
    return roadmap is not None and getattr(roadmap, "status", None) in ("approved", "archived")


@rules.predicate
def is_responsible(user, activity) -> bool:
    if activity is None or not user.is_authenticated:
        return False
    # all() uses the prefetched people on pages that list many activities.
    return any(person.user_id == user.pk for person in activity.responsible.all())


@rules.predicate
def activity_roadmap_approved(user, activity) -> bool:
    return activity is not None and activity.stage.roadmap.status == "approved"


rules.add_perm("roadmap.view_roadmap_list", is_member | is_coordinator)
rules.add_perm("roadmap.view_roadmap", is_staff_reader | ((is_member | is_coordinator) & is_published))
rules.add_perm("roadmap.add_roadmap", is_curator)
rules.add_perm("roadmap.change_roadmap", is_curator & is_draft)
rules.add_perm("roadmap.submit_roadmap", is_curator & is_draft)
rules.add_perm("roadmap.approve_roadmap", is_director & is_in_review)
rules.add_perm("roadmap.amend_roadmap", is_curator & is_approved)
rules.add_perm("roadmap.archive_roadmap", is_director & is_approved)
rules.add_perm("roadmap.export_roadmap", is_staff_reader | ((is_member | is_coordinator) & is_published))
rules.add_perm("roadmap.view_my_activities", is_member)
rules.add_perm("roadmap.change_activity_status", activity_roadmap_approved & (is_curator | is_responsible))
# Counting what the application produced as an activity's completion is the curator's decision.
rules.add_perm("roadmap.decide_evidence", activity_roadmap_approved & is_curator)
