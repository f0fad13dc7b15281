"""Who hands accounts over: the managers invite, the staff readers see who has a login."""

from __future__ import annotations

import rules

from people.rules import is_manager, is_staff_reader

rules.add_perm("accounts.view_invitations", is_staff_reader)
rules.add_perm("accounts.invite", is_manager)
