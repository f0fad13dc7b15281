"""Statistics and monitoring: the statistics page with its Excel exports, the monitoring page,
the analytical note (PDF) and the exports of one campaign's results (admin, director, curator)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mentoring.lib import academic_year
from mentoring.lib.pdf import pdf_response, render_pdf
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.views import org_permission_required
from mentoring.lib.xlsx import xlsx_response
from people import roles
from people.access import has_global_admin, organizations_with_role
from people.models import AcademicYear, Organization
from reports.monitoring import exports, indicators, notes, statistics
from reports.monitoring.figures import year_figures
from reports.surveys import exports as survey_exports
from reports.surveys.models import Campaign

ALL = "all"


def allowed_organizations(user, current: Organization | None = None):
    """All organizations for the global admin; those where the user is a staff reader otherwise.

    `current`, the organization of the request, saves the query when it is the only one allowed.
    """
    if has_global_admin(user):
        return Organization.objects.order_by("short_name")
    ids = organizations_with_role(user, *roles.STAFF_READERS)
    if current is not None and ids == {current.pk}:
        return [current]
    return Organization.objects.filter(id__in=ids).order_by("short_name")


def selected_year(request: HttpRequest) -> AcademicYear:
    """The year from ?year=2024; the current one when absent, not a sane year or not a year the
    application knows (a GET never creates one: it would appear in every school's selectors)."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        year = AcademicYear.objects.filter(start_year=int(raw)).first()
        if year is not None:
            return year
        messages.info(
            request,
            f"За {academic_year.label(int(raw))} учебный год данных нет: показан текущий учебный год.",
        )
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
    current = academic_year.start_year_of(timezone.localdate())
    years = sorted({current, chosen.start_year, *AcademicYear.objects.values_list("start_year", flat=True)})
    return [(y, academic_year.label(y)) for y in reversed(years)]


def request_scope(request: HttpRequest) -> tuple[exports.Scope, str]:
    organizations, choice = selected_organizations(request)
    return exports.Scope(organizations, selected_year(request)), choice


@org_permission_required("monitoring.view_statistics")
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Admin, director, curator: the figures of the chosen year and organization(s), with charts."""
    scope, choice = request_scope(request)
    kept = year_figures(scope.org_ids, scope.year, timezone.localdate())
    figures = {org_id: monitoring.figures for org_id, monitoring in kept.items()}
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
    return render(request, "monitoring/statistics.html", context)


@org_permission_required("monitoring.view_statistics")
def statistics_export(request: HttpRequest, kind: str) -> HttpResponse:
    """Admin, director, curator: one of the .xlsx exports for the chosen year and organization(s)."""
    if kind not in exports.EXPORTS:
        raise Http404
    scope, _ = request_scope(request)
    names_for = frozenset(organizations_with_role(request.user, roles.CURATOR))
    workbook = exports.build(kind, scope, timezone.localdate(), names_for=names_for)
    return xlsx_response(workbook, scope.stem(exports.EXPORTS[kind]))


RECENT_YEARS = 5


def recent_years(chosen: AcademicYear, today) -> list[tuple[int, str]]:
    """The last few academic years and the chosen one, latest first (no query: they are arithmetic)."""
    choices = academic_year.year_choices(today, back=RECENT_YEARS - 1, extra=(chosen.start_year,))
    return [(int(y), text) for y, text in choices]


def selector_organizations(request: HttpRequest):
    """The organizations to choose from; a user of one organization has nothing to choose (no query)."""
    if not has_global_admin(request.user):
        ids = set(organizations_with_role(request.user, *roles.STAFF_READERS))
        if ids == {request.organization.pk}:
            return [request.organization]
    return allowed_organizations(request.user)


@org_permission_required("monitoring.view_statistics")
def monitoring_page(request: HttpRequest) -> HttpResponse:
    """Admin (all organizations side by side), director, curator: the year's indicators with charts."""
    scope, choice = request_scope(request)
    today = timezone.localdate()
    by_org = year_figures(scope.org_ids, scope.year, today)
    combined = indicators.total(by_org)
    chart = indicators.chart_data(combined)
    forms = chart["forms"]
    context = {
        "scope": scope,
        "choice": choice,
        "organizations": selector_organizations(request),
        "years": recent_years(scope.year, today),
        "rows": indicators.rows(combined),
        "forms": [(name, combined.figures.by_form[name]) for name in forms["labels"]],
        "per_org": [(org, indicators.cells(by_org[org.pk])) for org in scope.organizations]
        if scope.several
        else [],
        "columns": [label for label, *_ in indicators.rows(combined)],
        "chart": chart,
        "query": f"year={scope.year.start_year}&org={choice}",
        "day": indicators.reference_day(scope.year, today),
    }
    return render(request, "monitoring/monitoring.html", context)


@org_permission_required("monitoring.view_statistics")
def monitoring_note(request: HttpRequest) -> HttpResponse:
    """The analytical note on the programme's quality (PDF) for the chosen year and organization(s)."""
    scope, _ = request_scope(request)
    content = render_pdf("documents/analytical_note.html", notes.note_context(scope, timezone.localdate()))
    return pdf_response(content, f"{scope.stem('Аналитическая справка')}.pdf")


@org_permission_required("monitoring.view_statistics")
def campaign_export(request: HttpRequest, uuid, kind: str) -> HttpResponse:
    """One campaign's raw answers or summary as .xlsx; staff readers, names for the curator only."""
    if kind not in ("answers", "summary"):
        raise Http404
    campaigns = Campaign.objects.exclude(status=Campaign.Status.DRAFT).select_related("organization")
    campaign = get_visible_or_404(request, campaigns, "surveys.view_surveys", uuid=uuid)
    names_for = frozenset(organizations_with_role(request.user, roles.CURATOR))
    workbook = survey_exports.campaigns_workbook([campaign], kind, names_for=names_for)
    title = "Ответы" if kind == "answers" else "Сводка"
    return xlsx_response(workbook, f"{title} {campaign.title}"[:120])
