"""Permissions of events: the curator (and admin) runs them, the director reads them and their
protocols, an invited participant sees the events they are invited to."""

from __future__ import annotations

import rules

from people.rules import is_manager, is_member, is_mentor, is_representative, is_staff_reader

rules.add_perm("events.view_event_list", is_member)
# A parent opens the parents' meeting of their child's class (the queryset says which).
rules.add_perm("events.view_event", is_member | is_representative)
rules.add_perm("events.manage_events", is_manager)
rules.add_perm("events.change_event", is_manager)
rules.add_perm("events.view_protocol", is_staff_reader)
rules.add_perm("events.change_protocol", is_manager)
# Mentor training groups: the curator (and admin) runs them, the director reads them, a mentor
# sees the groups they are in (the queryset says which).
rules.add_perm("events.view_training_groups", is_staff_reader | is_mentor)
rules.add_perm("events.view_training_group", is_staff_reader | is_mentor)
rules.add_perm("events.manage_training", is_manager)
