"""Permissions of the publication section.

The Положение: the curator drafts, the director approves. The public page and its news: the
curator writes, the director reads. The methodical library: curators and mentors add materials,
mentors see it, the curator marks best practices. The public pages themselves need no permission
(views/public.py).
"""

from __future__ import annotations

import rules

from people.roles import LIBRARY_READERS
from people.rules import is_curator, is_director, is_mentor, is_org_admin, is_staff_reader, role_predicate

is_manager = is_curator | is_org_admin
is_library_reader = role_predicate(*LIBRARY_READERS)


@rules.predicate
def is_own_material(user, material) -> bool:
    return material is not None and getattr(material, "uploaded_by_id", None) == user.pk


rules.add_perm("publication.view_regulations", is_staff_reader)
rules.add_perm("publication.change_regulation", is_manager)
rules.add_perm("publication.approve_regulation", is_director)

rules.add_perm("publication.view_publication", is_staff_reader)
rules.add_perm("publication.manage_publication", is_manager)

rules.add_perm("publication.view_library", is_library_reader)
rules.add_perm("publication.add_material", is_manager | is_mentor)
rules.add_perm("publication.change_material", is_manager | (is_mentor & is_own_material))
rules.add_perm("publication.manage_best_practices", is_manager)
