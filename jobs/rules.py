"""Who has «Мои файлы»: every role of the organization (each sees only their own files; mentors
and mentees order roadmap PDFs) and the municipal coordinator (statistics exports); not a parent,
who starts no export."""

from __future__ import annotations

import rules

from people.rules import is_coordinator, is_member

rules.add_perm("jobs.view_files", is_member | is_coordinator)
