"""Navigation for the base template: what the current user may open, nothing more."""

from __future__ import annotations

from people import access
from people.models import Membership


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = getattr(request, "roles", set())
    return {
        "current_organization": getattr(request, "organization", None),
        "current_roles": roles,
        "current_role_labels": [Membership.Role(r).label for r in access.ROLE_ORDER if r in roles],
        # The switcher searches on the server: the header lists no organizations (no query).
        "can_switch_organization": len(access.organization_ids(user)) > 1 or access.has_global_admin(user),
        "is_global_admin": access.has_global_admin(user),
    }
