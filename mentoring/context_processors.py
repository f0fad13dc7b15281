"""Navigation for the base template: what the current user may open, nothing more."""

from __future__ import annotations

from people import access
from people.models import Membership


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = getattr(request, "roles", set())
    organizations = []
    if len(access.organization_ids(user)) > 1 or access.has_global_admin(user):
        organizations = list(access.visible_organizations(user).only("id", "short_name")[:200])
    return {
        "current_organization": getattr(request, "organization", None),
        "current_roles": roles,
        "current_role_labels": [Membership.Role(r).label for r in access.ROLE_ORDER if r in roles],
        "switchable_organizations": organizations,
        "is_global_admin": access.has_global_admin(user),
    }
