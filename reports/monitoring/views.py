"""Statistics and monitoring: the statistics page with its Excel exports, the monitoring page,
the analytical note (PDF) and the exports of one campaign's results (admin, director, curator;
the municipal coordinator for the schools of its municipality), and the overview of a
municipality's schools (admin, coordinator)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobs.actions import start_job
from jobs.views import started
from mentoring.lib import academic_year
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.views import org_permission_required
from people import roles
from people.access import coordinated_municipalities, has_global_admin, organizations_with_role
from people.models import AcademicYear, Municipality, Organization
from reports.monitoring import breakdowns, catalogue, exports, indicators, municipality, statistics, tasks
from reports.monitoring.figures import year_figures
from reports.monitoring.models import StatisticalForm
from reports.surveys.models import Campaign

ALL = "all"


def allowed_organizations(user, current: Organization | None = None):
    """All organizations for the global admin; those where the user is a staff reader (or, for the
    municipal coordinator, those of its municipality) otherwise.

    `current`, the organization of the request, saves the query when it is the only one allowed.
    """
    if has_global_admin(user):
        return Organization.objects.order_by("short_name")
    ids = organizations_with_role(user, *roles.STATISTICS_READERS)
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
    # Those who read several schools by office (the admin, the coordinator) start with all of them.
    several = has_global_admin(request.user) or coordinated_municipalities(request.user)
    if raw == ALL or (raw == "" and several):
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


def selected_form(
    request: HttpRequest, organizations
) -> tuple[StatisticalForm | None, list[StatisticalForm]]:
    """(the form from ?form=<id>, or the default; the forms that apply to these organizations).
    A form of another municipality is a 404. Two queries."""
    forms = list(StatisticalForm.objects.applicable_to(organizations).prefetch_related("rows"))
    raw = request.GET.get("form", "")
    if raw:
        form = next((f for f in forms if str(f.pk) == raw), None)
        if form is None:
            raise Http404
        return form, forms
    return next((f for f in forms if f.is_default), forms[0] if forms else None), forms


def form_lines(form: StatisticalForm | None) -> list[statistics.FormLine]:
    return form.lines() if form is not None else statistics.DEFAULT_LINES


@org_permission_required("monitoring.view_statistics")
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Admin, director, curator, coordinator: the figures of the chosen year and organization(s)."""
    scope, choice = request_scope(request)
    today = timezone.localdate()
    kept = year_figures(scope.org_ids, scope.year, today)
    source = catalogue.total(catalogue.compute(scope.org_ids, scope.year, today, kept=kept))
    combined = source.monitoring.figures
    stat_form, stat_forms = selected_form(request, scope.organizations)
    lines = form_lines(stat_form)
    values = catalogue.values(lines, source, catalogue.catalogue())
    indicators = [(line.title, value, line.kind) for line, value in zip(lines, values, strict=True)]
    per_org = [(org, kept[org.pk].figures) for org in scope.organizations] if scope.several else []
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
        "stat_form": stat_form,
        "stat_forms": stat_forms,
        "query": f"year={scope.year.start_year}&org={choice}"
        + (f"&form={stat_form.pk}" if stat_form else ""),
    }
    return render(request, "monitoring/statistics.html", context)


@require_POST
@org_permission_required("monitoring.view_statistics")
def statistics_export(request: HttpRequest, kind: str) -> HttpResponse:
    """Admin, director, curator, coordinator: start one of the .xlsx exports for the chosen year and
    organization(s); names only for the organizations where the user is the curator."""
    if kind not in exports.EXPORTS:
        raise Http404
    scope, _ = request_scope(request)
    names_for = sorted(organizations_with_role(request.user, roles.CURATOR))
    parameters = {**tasks.scope_parameters(scope), "export": kind, "names_for": names_for}
    title = exports.EXPORTS[kind]
    if kind == "form":
        form, forms = selected_form(request, scope.organizations)
        if form is not None:
            parameters["form"] = form.pk
            if len(forms) > 1:
                title = form.name
    job = start_job(request, "statistics_export", f"{title}, {scope.year.label}, {scope.label}", parameters)
    return started(request, job)


RECENT_YEARS = 5


def recent_years(chosen: AcademicYear, today) -> list[tuple[int, str]]:
    """The last few academic years and the chosen one, latest first (no query: they are arithmetic)."""
    choices = academic_year.year_choices(today, back=RECENT_YEARS - 1, extra=(chosen.start_year,))
    return [(int(y), text) for y, text in choices]


def selector_organizations(request: HttpRequest):
    """The organizations to choose from; a user of one organization has nothing to choose (no query)."""
    if not has_global_admin(request.user):
        ids = set(organizations_with_role(request.user, *roles.STATISTICS_READERS))
        if ids == {request.organization.pk}:
            return [request.organization]
    return allowed_organizations(request.user)


@org_permission_required("monitoring.view_statistics")
def monitoring_page(request: HttpRequest) -> HttpResponse:
    """Admin and coordinator (their organizations side by side), director, curator: the year's
    indicators with charts."""
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
        "by_category": breakdowns.by_category(combined.category_lines),
        "by_form": breakdowns.by_form(combined.form_lines),
        "query": f"year={scope.year.start_year}&org={choice}",
        "day": indicators.reference_day(scope.year, today),
    }
    return render(request, "monitoring/monitoring.html", context)


@require_POST
@org_permission_required("monitoring.view_statistics")
def monitoring_note(request: HttpRequest) -> HttpResponse:
    """Start the analytical note on the programme's quality (PDF) for the chosen year and organization(s)."""
    scope, _ = request_scope(request)
    title = f"Аналитическая справка, {scope.year.label}, {scope.label}"
    return started(request, start_job(request, "analytical_note", title, tasks.scope_parameters(scope)))


@require_POST
@org_permission_required("monitoring.view_statistics")
def campaign_export(request: HttpRequest, uuid, kind: str) -> HttpResponse:
    """Start one campaign's raw answers or summary as .xlsx; staff readers, names for the curator only."""
    if kind not in ("answers", "summary"):
        raise Http404
    campaigns = Campaign.objects.exclude(status=Campaign.Status.DRAFT).select_related("organization")
    campaign = get_visible_or_404(request, campaigns, "surveys.view_surveys", uuid=uuid)
    names_for = sorted(organizations_with_role(request.user, roles.CURATOR))
    title = f"{'Ответы' if kind == 'answers' else 'Сводка'}: {campaign.title}"
    params = {"campaign": campaign.pk, "export": kind, "names_for": names_for}
    return started(request, start_job(request, "campaign_export", title, params))


def municipality_organizations(
    request: HttpRequest,
) -> tuple[list[Municipality], Municipality | None, object]:
    """(municipalities to choose from, the chosen one or None for all, its organizations): the
    coordinator's municipalities, or every one for the admin; another municipality is a 404."""
    municipalities = Municipality.objects.all()
    if not has_global_admin(request.user):
        municipalities = municipalities.filter(pk__in=coordinated_municipalities(request.user))
    municipalities = list(municipalities)
    raw = request.GET.get("municipality", "")
    chosen = None
    if raw:
        chosen = next((m for m in municipalities if str(m.pk) == raw), None)
        if chosen is None:
            raise Http404
    elif len(municipalities) == 1 and not has_global_admin(request.user):
        chosen = municipalities[0]
    organizations = Organization.objects.select_related("municipality").order_by("short_name")
    if chosen is not None:
        organizations = organizations.filter(municipality=chosen)
    elif not has_global_admin(request.user):
        organizations = organizations.filter(municipality__in=municipalities)
    return municipalities, chosen, organizations


@org_permission_required("monitoring.view_municipality")
def schools_page(request: HttpRequest) -> HttpResponse:
    """Admin, coordinator: «Школы муниципалитета», each school's roadmap progress, pairs and status."""
    municipalities, chosen, organizations = municipality_organizations(request)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        organizations = organizations.filter(Q(short_name__icontains=query) | Q(full_name__icontains=query))
    attention = request.GET.get("attention") == "1"
    year = selected_year(request)
    today = timezone.localdate()
    lines = municipality.school_lines(organizations, year, today)
    if attention:
        lines = [line for line in lines if line.problems]
    context = {
        "municipalities": municipalities,
        "chosen": chosen,
        "lines": lines,
        "query": query,
        "attention": attention,
        "year": year,
        "years": recent_years(year, today),
        "org_query": f"year={year.start_year}",
    }
    return render(request, "monitoring/schools.html", context)
