"""Site-wide views: the dashboard, the organization switcher, health check, error pages."""

from __future__ import annotations

import sys

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentoring.lib.dashboard import collect_panels
from mentoring.middleware import SESSION_KEY, DatabaseUnavailableMiddleware
from people import access


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The start page of every role: panels with the figures that role works with."""
    if not request.roles:
        return render(request, "dashboard_no_role.html", status=403)
    return render(request, "dashboard.html", {"panels": collect_panels(request)})


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
