"""Request-wide context: the organization the user works in, and graceful database outages."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from pghistory.middleware import HistoryMiddleware

from people import access

SESSION_KEY = "organization_id"
logger = logging.getLogger(__name__)


class CurrentOrganizationMiddleware:
    """Sets `request.organization` and `request.roles` for the organization chosen in the session.

    A user with memberships in several organizations switches between them; the global admin may
    pick any organization. Nothing here grants access: views still check permissions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = None
        request.roles = set()
        user = request.user
        if user.is_authenticated:
            request.organization = current_organization(request)
            request.roles = access.roles_in(user, request.organization.pk if request.organization else None)
        return self.get_response(request)


def current_organization(request):
    from people.models import Organization

    user = request.user
    chosen = request.session.get(SESSION_KEY)
    own_ids = access.organization_ids(user)
    if chosen and (chosen in own_ids or access.has_global_admin(user)):
        org = Organization.objects.filter(pk=chosen).first()
        if org:
            return org
    if own_ids:
        return Organization.objects.filter(pk__in=own_ids).order_by("short_name").first()
    if access.has_global_admin(user):
        return Organization.objects.order_by("short_name").first()
    return None


class DatabaseUnavailableMiddleware:
    """While PostgreSQL is down, answer a Russian «временно недоступно» page, not a traceback.

    Django reconnects by itself on the next request (CONN_HEALTH_CHECKS), so the outage lasts as
    long as the database's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as exc:
            return self.unavailable(request, exc)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return self.unavailable(request, exception)
        return None

    @staticmethod
    def unavailable(request, exc):
        logger.error("database unavailable: %s", exc)
        # Rendered without the request: context processors would query the database again.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        return response


class AuditContextMiddleware(HistoryMiddleware):
    """Every change made during a request is attributed in the audit history: user id, username
    (kept even if the account is deleted later) and the address of the request."""

    def get_context(self, request) -> dict:
        context = super().get_context(request)
        user = getattr(request, "user", None)
        context["username"] = user.get_username() if user is not None and user.is_authenticated else None
        return context
