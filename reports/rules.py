"""Permissions of orders: the curator drafts, the director signs, both (and the admin) read."""

from __future__ import annotations

import rules

from people.rules import is_curator, is_director, is_org_admin, is_staff_reader

rules.add_perm("reports.view_order_list", is_staff_reader)
rules.add_perm("reports.view_order", is_staff_reader)
rules.add_perm("reports.add_order", is_curator | is_org_admin)
rules.add_perm("reports.change_order", is_curator | is_org_admin)
rules.add_perm("reports.submit_order", is_curator | is_org_admin)
rules.add_perm("reports.sign_order", is_director)
rules.add_perm("reports.cancel_order", is_director)
