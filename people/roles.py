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

# Most powerful first: the role a user with several is shown as.
ROLE_ORDER = (ADMIN, DIRECTOR, CURATOR, MENTOR, MENTEE)

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


def ordered(roles) -> tuple[str, ...]:
    """`roles` in ROLE_ORDER: a stable order for names and messages built from a set."""
    return tuple(role for role in ROLE_ORDER if role in roles)
