"""Permissions of orders: the curator drafts, the director signs, both (and the admin) read."""

from __future__ import annotations

import rules

from people.rules import is_coordinator, is_curator, is_director, is_org_admin, is_staff_reader

is_manager = is_curator | is_org_admin

# The municipal coordinator reads the register (numbers, dates, titles), not the orders' people.
rules.add_perm("orders.view_order_list", is_staff_reader | is_coordinator)
rules.add_perm("orders.view_order", is_staff_reader)
rules.add_perm("orders.add_order", is_manager)
rules.add_perm("orders.change_order", is_manager)
rules.add_perm("orders.submit_order", is_manager)
rules.add_perm("orders.sign_order", is_director)
rules.add_perm("orders.cancel_order", is_director)
