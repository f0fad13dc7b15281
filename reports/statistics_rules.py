"""Who may see the statistics and download the exports: the admin, the director and the curator.

Imported by reports.statistics_urls (rules of the `reports` app proper live in reports/rules.py).
"""

from __future__ import annotations

import rules

from people.rules import is_staff_reader

if not rules.perm_exists("reports.view_statistics"):
    rules.add_perm("reports.view_statistics", is_staff_reader)
