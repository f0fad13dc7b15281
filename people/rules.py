"""Permissions of the people app, as predicates over (user, organization-or-object)."""

from __future__ import annotations

import rules

from people import roles as r
from people.access import extra_visible_people, has_global_admin, organization_of, roles_in


def role_predicate(*roles: str):
    """A predicate true when the user holds one of `roles` in the object's organization.

    The object is an Organization or anything with an `organization_id`; the global admin has
    the role `admin` in every organization.
    """

    name = "has_role_" + "_or_".join(r.ordered(roles))

    @rules.predicate(name)
    def predicate(user, obj=None) -> bool:
        if not user.is_authenticated:
            return False
        return bool(roles_in(user, organization_of(obj)) & set(roles))

    return predicate


is_admin = rules.predicate(lambda user: user.is_authenticated and has_global_admin(user), name="is_admin")
is_director = role_predicate(r.DIRECTOR)
is_curator = role_predicate(r.CURATOR)
is_mentor = role_predicate(r.MENTOR)
is_mentee = role_predicate(r.MENTEE)
is_org_admin = role_predicate(r.ADMIN)
is_staff_reader = role_predicate(*r.STAFF_READERS)
is_member = role_predicate(*r.MEMBERS)
# The municipal level (issue 21): the coordinator of the organization's municipality.
is_coordinator = role_predicate(r.COORDINATOR)
# законный представитель (issue 19)
is_representative = role_predicate(r.REPRESENTATIVE)
is_respondent = role_predicate(*r.RESPONDENTS)


@rules.predicate
def is_own_person(user, person) -> bool:
    return person is not None and getattr(person, "user_id", None) == user.pk


@rules.predicate
def is_mentor_of_person(user, person) -> bool:
    """A mentor opening the card of one of their own mentees (granted by the pairs app's hook)."""
    if person is None or not getattr(person, "pk", None):
        return False
    if r.MENTOR not in roles_in(user, organization_of(person)):
        return False
    return any(extra.filter(pk=person.pk).exists() for extra in extra_visible_people(user))


is_manager = role_predicate(*r.MANAGERS)

rules.add_perm("people.view_person_list", is_staff_reader)
rules.add_perm("people.view_person", is_staff_reader | is_own_person | is_mentor_of_person)
rules.add_perm("people.change_person", is_curator | is_org_admin)
rules.add_perm("people.view_audit", is_admin)
# Banks, consents and import: the curator manages, the director reads; people see their own.
rules.add_perm("people.view_banks", is_staff_reader)
rules.add_perm("people.manage_banks", is_manager)
rules.add_perm("people.view_consents", is_staff_reader | is_own_person)
rules.add_perm("people.manage_consents", is_manager)
rules.add_perm("people.view_representative_contacts", is_staff_reader | is_own_person)
rules.add_perm("people.import_people", is_manager)
rules.add_perm("people.edit_requisites", is_curator | is_org_admin)
