"""Site-wide views: the dashboard, the organization switcher, health check, error pages."""

from __future__ import annotations

import sys

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.db import InterfaceError, OperationalError, connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentoring.lib.dashboard import collect_panels
from mentoring.middleware import SESSION_KEY, DatabaseUnavailableMiddleware
from people import access, roles
from people.models import Municipality, Organization


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The start page of every role: panels with the figures that role works with."""
    if not request.roles:
        return render(request, "dashboard_no_role.html", status=403)
    context = {"panels": collect_panels(request), "municipal": _municipal_heading(request)}
    return render(request, "dashboard.html", context)


def _municipal_heading(request: HttpRequest) -> dict | None:
    """The coordinator works for a municipality, not in the school the session happens to hold:
    its start page is headed by the municipality and the number of its schools."""
    if roles.COORDINATOR not in request.roles or request.roles & roles.MEMBERS:
        return None
    municipalities = Municipality.objects.filter(pk__in=access.coordinated_municipalities(request.user))
    return {
        "names": [municipality.name for municipality in municipalities],
        "schools": Organization.objects.filter(municipality__in=municipalities).count(),
    }


@login_required
def about(request: HttpRequest) -> HttpResponse:
    """About the system and where to get help; any logged-in user."""
    return render(request, "about.html", {})


@login_required
@require_POST
def switch_organization(request: HttpRequest) -> HttpResponse:
    """Any user with several organizations (or the admin) chooses where to work."""
    try:
        org_id = int(request.POST.get("organization", ""))
    except ValueError:
        org_id = None
    if org_id is None or not access.visible_organizations(request.user).filter(pk=org_id).exists():
        messages.error(request, "Эта организация вам недоступна.")
        return redirect("dashboard")
    request.session[SESSION_KEY] = org_id
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "dashboard")


# Enough to pick from while typing; a longer list means the text should be more precise.
SEARCH_LIMIT = 20


@login_required
def organization_search(request: HttpRequest) -> HttpResponse:
    """The organizations the user may switch to whose name contains the typed text: the header
    switcher's drop-down (htmx) and, without scripts, a page of its own. Any logged-in user."""
    query = request.GET.get("q", "").strip()[:100]
    target = request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    fragment = bool(request.headers.get("HX-Request"))
    if fragment and not query:
        return HttpResponse("")  # the text was erased: the drop-down closes
    organizations = access.visible_organizations(request.user).only("id", "short_name").order_by("short_name")
    if query:
        organizations = organizations.filter(Q(short_name__icontains=query) | Q(full_name__icontains=query))
    found = list(organizations[: SEARCH_LIMIT + 1])
    context = {
        "organizations": found[:SEARCH_LIMIT],
        "more": len(found) > SEARCH_LIMIT,
        "query": query,
        "next": target,
    }
    template = "_organization_results.html" if fragment else "organization_search.html"
    return render(request, template, context)


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("select 1")
    return JsonResponse({"status": "ok"})


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def server_error(request):
    """Django turns an exception in any middleware into this view; a database outage seen here is
    answered like the outage middleware does, and nothing here touches the database again."""
    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        return DatabaseUnavailableMiddleware.unavailable(request, exc)
    return HttpResponse(render_to_string("500.html"), status=500)


@login_not_required
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, asked for by browsers where a page names no icon (the PDF viewer); anyone."""
    return redirect(static("img/favicon.svg"), permanent=True)
