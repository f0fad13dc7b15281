"""Permissions of the pairs app.

Org-level permissions take the organization; record permissions take a Pair (or a Meeting) that
was loaded through `visible_to(user)`, so another organization's records never reach them.
"""

from __future__ import annotations

import rules

from people.rules import is_director, is_manager, is_member, is_representative, is_staff_reader


def _pair_of(obj):
    return getattr(obj, "pair", obj)


@rules.predicate
def is_pair_mentor(user, obj) -> bool:
    pair = _pair_of(obj)
    return pair is not None and hasattr(pair, "pair_mentors") and pair.is_mentor(user)


@rules.predicate
def is_pair_mentee(user, obj) -> bool:
    pair = _pair_of(obj)
    return pair is not None and hasattr(pair, "pair_mentees") and pair.is_mentee(user)


@rules.predicate
def is_meeting_attendee(user, meeting) -> bool:
    return meeting is not None and any(p.user_id == user.pk for p in meeting.attendees.all())


# --- законный представитель (issue 19) ---
@rules.predicate
def is_pair_representative(user, obj) -> bool:
    """A representative of a child in the pair, while their access is in force."""
    from pairs.models import Pair

    pair = _pair_of(obj)
    return pair is not None and Pair.objects.filter(pk=pair.pk).of_children(user).exists()


@rules.predicate
def answers_for_a_child(user, meeting) -> bool:
    """The representative of an attendee under 14 gives the feedback for them."""
    from pairs.models import child_attendee_for

    return meeting is not None and child_attendee_for(user, meeting) is not None


# --- end законный представитель ---


rules.add_perm("pairs.view_pair_list", is_staff_reader)
rules.add_perm("pairs.view_my_pairs", is_member | is_representative)
rules.add_perm("pairs.manage_pairs", is_manager)
rules.add_perm("pairs.view_pair", is_staff_reader | is_pair_mentor | is_pair_mentee | is_pair_representative)
rules.add_perm("pairs.manage_pair", is_manager)
# The programme is approved by the head of the organization, not by the curator who wrote it.
rules.add_perm("pairs.approve_program", is_director)
rules.add_perm("pairs.log_meeting", is_manager | is_pair_mentor)
rules.add_perm("pairs.edit_progress", is_manager | is_pair_mentor)
rules.add_perm("pairs.give_feedback", is_meeting_attendee | answers_for_a_child)
rules.add_perm("pairs.view_private_notes", is_manager | is_director)
# The mentor's written consent to the extra duty: the administration and the mentor themselves.
rules.add_perm("pairs.view_mentor_consent", is_manager | is_director | is_pair_mentor)
