"""Dashboard panel of the municipal level: the coordinator's way to its schools (the admin has the
organizations panel of the people app and the same pages in the menu)."""

from __future__ import annotations

from mentoring.lib.dashboard import Panel
from people.access import coordinated_municipalities, has_global_admin
from people.models import Organization


def panels(request) -> list[Panel]:
    org = request.organization
    if org is None or has_global_admin(request.user):
        return []
    if not request.user.has_perm("monitoring.view_municipality", org):
        return []
    organizations = Organization.objects.filter(municipality__in=coordinated_municipalities(request.user))
    context = {"schools": organizations.count()}
    return [Panel("monitoring/_panel_schools.html", context, order=5)]
