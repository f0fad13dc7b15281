"""Permissions of statistics and monitoring: the admin, the director and the curator read them."""

from __future__ import annotations

import rules

from people.rules import is_staff_reader

rules.add_perm("monitoring.view_statistics", is_staff_reader)
