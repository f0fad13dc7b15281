"""The statistics page and its Excel exports, for the admin, the director and the curator."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mentoring.lib.views import org_permission_required
from mentoring.lib.xlsx import xlsx_response
from people.access import has_global_admin, organizations_with_role
from people.models import AcademicYear, Organization
from reports import (
    exports,
    statistics,
    statistics_rules,  # noqa: F401  (registers reports.view_statistics)
)

ALL = "all"


def allowed_organizations(user, current: Organization | None = None):
    """All organizations for the admin; those where the user is director or curator otherwise.

    `current`, the organization of the request, saves the query when it is the only one allowed.
    """
    if has_global_admin(user):
        return Organization.objects.order_by("short_name")
    ids = organizations_with_role(user, "director", "curator")
    if current is not None and ids == {current.pk}:
        return [current]
    return Organization.objects.filter(id__in=ids).order_by("short_name")


def selected_year(request: HttpRequest) -> AcademicYear:
    """The year from ?year=2024; the current one when absent or not a sane year."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return AcademicYear.objects.get_or_create(start_year=int(raw))[0]
    return AcademicYear.objects.current()


def selected_organizations(request: HttpRequest) -> tuple[list[Organization], str]:
    """(organizations, choice) from ?org=<id>|all; another organization's id is a 404."""
    allowed = allowed_organizations(request.user, request.organization)
    raw = request.GET.get("org", "")
    if raw == ALL or (raw == "" and has_global_admin(request.user)):
        return list(allowed), ALL
    if raw == "":
        return [request.organization], str(request.organization.pk)
    if not raw.isdigit():
        raise Http404
    org = next((org for org in allowed if org.pk == int(raw)), None)
    if org is None:
        raise Http404
    return [org], str(org.pk)


def year_choices(chosen: AcademicYear) -> list[tuple[int, str]]:
    """The years in the selector: every known year, the current and the chosen one, latest first."""
    # Without a query: the current year is known from the date, the others are listed anyway.
    current = AcademicYear.start_year_of(timezone.localdate())
    years = sorted({current, chosen.start_year, *AcademicYear.objects.values_list("start_year", flat=True)})
    return [(y, f"{y}/{y + 1}") for y in reversed(years)]


def request_scope(request: HttpRequest) -> tuple[exports.Scope, str]:
    organizations, choice = selected_organizations(request)
    return exports.Scope(organizations, selected_year(request)), choice


@org_permission_required("reports.view_statistics")
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Admin, director, curator: the figures of the chosen year and organization(s), with charts."""
    scope, choice = request_scope(request)
    figures = statistics.compute(scope.org_ids, scope.year)
    combined = statistics.total(figures)
    indicators = [(label, getattr(combined, attr), kind) for attr, label, kind in statistics.INDICATORS]
    per_org = [(org, figures[org.pk]) for org in scope.organizations] if scope.several else []
    forms = statistics.form_names(combined)
    organizations = (
        scope.organizations if choice == ALL else allowed_organizations(request.user, request.organization)
    )
    context = {
        "scope": scope,
        "choice": choice,
        "organizations": organizations,
        "years": year_choices(scope.year),
        "indicators": indicators,
        "forms": [(name, combined.by_form[name]) for name in forms],
        "per_org": per_org,
        "chart": statistics.chart_data(combined, forms),
        "exports": exports.EXPORTS,
        "query": f"year={scope.year.start_year}&org={choice}",
    }
    return render(request, "reports/statistics/index.html", context)


@org_permission_required("reports.view_statistics")
def statistics_export(request: HttpRequest, kind: str) -> HttpResponse:
    """Admin, director, curator: one of the .xlsx exports for the chosen year and organization(s)."""
    if kind not in exports.EXPORTS:
        raise Http404
    scope, _ = request_scope(request)
    names_for = frozenset(organizations_with_role(request.user, "curator"))
    workbook = exports.build(kind, scope, timezone.localdate(), names_for=names_for)
    return xlsx_response(workbook, scope.stem(exports.EXPORTS[kind]))
