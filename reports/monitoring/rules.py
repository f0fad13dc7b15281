"""Permissions of statistics and monitoring: the admin, the director, the curator and the
municipal coordinator read them; the overview of a municipality's schools is for the admin and the
coordinator."""

from __future__ import annotations

import rules

from people.rules import is_admin, is_coordinator, is_staff_reader

rules.add_perm("monitoring.view_statistics", is_staff_reader | is_coordinator)
rules.add_perm("monitoring.view_municipality", is_admin | is_coordinator)
