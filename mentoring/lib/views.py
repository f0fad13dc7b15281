"""Small helpers shared by views of every app."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator


def org_permission_required(perm: str):
    """Login plus `perm` checked against the organization the user currently works in.

    For views about one record, load it with `mentoring.lib.scoping.get_visible_or_404` (404 for
    other organizations, 403 for a role that sees it but may not act) instead.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.organization is None or not request.user.has_perm(perm, request.organization):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def require_perm(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def paginate(request, queryset, per_page: int = 25, count: int | None = None):
    """A page of `queryset`; a page number out of range shows the last page rather than an error.

    `count`, when the view already knows how many rows the queryset has, saves the COUNT query.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: this is its value.
    return paginator.get_page(request.GET.get("page"))
