"""Who has «Мои файлы»: the staff who can start exports (admin, director, curator)."""

from __future__ import annotations

import rules

from people.rules import is_staff_reader

rules.add_perm("jobs.view_files", is_staff_reader)
