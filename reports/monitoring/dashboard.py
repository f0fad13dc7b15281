"""Dashboard panel of the municipal level: the coordinator's (and the admin's) way to the schools."""

from __future__ import annotations

from mentoring.lib.dashboard import Panel
from people.access import coordinated_municipalities, has_global_admin
from people.models import Organization


def panels(request) -> list[Panel]:
    org = request.organization
    if org is None or not request.user.has_perm("monitoring.view_municipality", org):
        return []
    organizations = Organization.objects.all()
    if not has_global_admin(request.user):
        organizations = organizations.filter(municipality__in=coordinated_municipalities(request.user))
    context = {"schools": organizations.count(), "is_admin": has_global_admin(request.user)}
    return [Panel("monitoring/_panel_schools.html", context, order=5)]
