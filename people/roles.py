"""Who is who: the role names and the role sets the rules and the querysets share.

Written once here so that a predicate in `rules.py` and the scope of a `visible_to` queryset
cannot drift apart. The values are those of `Membership.Role`.
"""

from __future__ import annotations

ADMIN = "admin"
DIRECTOR = "director"
CURATOR = "curator"
MENTOR = "mentor"
MENTEE = "mentee"
# The municipal level (issue 21): the муниципальный координатор, bound to a municipality.
COORDINATOR = "coordinator"
# --- законный представитель (issue 19): a parent of a student mentee ---
REPRESENTATIVE = "representative"
# --- end законный представитель ---

# Most powerful first: the role a user with several is shown as.
ROLE_ORDER = (ADMIN, COORDINATOR, DIRECTOR, CURATOR, MENTOR, MENTEE, REPRESENTATIVE)

# Read everything of the organization: registry, banks, pairs, orders, drafts.
STAFF_READERS = frozenset({ADMIN, DIRECTOR, CURATOR})
# Change records of the organization: people, banks, pairs, campaigns.
MANAGERS = frozenset({ADMIN, CURATOR})
# Take part in the programme: see their own pairs, meetings and surveys.
PARTICIPANTS = frozenset({MENTOR, MENTEE})
# Anyone with a role in the organization.
MEMBERS = STAFF_READERS | PARTICIPANTS
# The methodical library is for the staff readers and the mentors.
LIBRARY_READERS = STAFF_READERS | {MENTOR}

# --- The municipal level (issue 21) ---
# The coordinator holds no role inside a school: it is not among the MEMBERS. It reads what a
# municipality follows (statistics, monitoring, roadmap progress, the orders register) in every
# organization of its municipality and changes nothing, so it is in no set that acts.
MUNICIPAL = frozenset({COORDINATOR})
# Read the statistics and monitoring of an organization.
STATISTICS_READERS = STAFF_READERS | MUNICIPAL

# --- законный представитель (issue 19) ---
# A representative is no member of the organization's staff or programme: they see their child's
# pairs, programme and meetings and the surveys sent to them, nothing of the organization at large
# (not the roadmap, the events or the library), so the role stays out of MEMBERS.
FAMILY = frozenset({REPRESENTATIVE})
# Whoever answers the surveys sent to them: the members and the representatives.
RESPONDENTS = MEMBERS | FAMILY
# --- end законный представитель ---


def ordered(roles) -> tuple[str, ...]:
    """`roles` in ROLE_ORDER: a stable order for names and messages built from a set."""
    return tuple(role for role in ROLE_ORDER if role in roles)
