"""The monitoring page, the analytical note (PDF) and the Excel exports of one campaign's results."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from mentoring.lib.pdf import pdf_response, render_pdf
from mentoring.lib.views import org_permission_required, require_perm
from mentoring.lib.xlsx import xlsx_response
from pairs.surveys_models import Campaign
from people.access import has_global_admin, organizations_with_role
from people.models import AcademicYear
from reports import monitoring, notes, survey_exports
from reports.statistics_views import allowed_organizations, request_scope

RECENT_YEARS = 5


def recent_years(chosen: AcademicYear, today) -> list[tuple[int, str]]:
    """The last few academic years and the chosen one, latest first (no query: they are arithmetic)."""
    current = today.year if today.month >= 9 else today.year - 1
    years = sorted({*range(current - RECENT_YEARS + 1, current + 1), chosen.start_year}, reverse=True)
    return [(y, f"{y}/{y + 1}") for y in years]


def selector_organizations(request: HttpRequest):
    """The organizations to choose from; a user of one organization has nothing to choose (no query)."""
    if not has_global_admin(request.user):
        ids = set(organizations_with_role(request.user, "director", "curator"))
        if ids == {request.organization.pk}:
            return [request.organization]
    return allowed_organizations(request.user)


@org_permission_required("reports.view_statistics")
def monitoring_page(request: HttpRequest) -> HttpResponse:
    """Admin (all organizations side by side), director, curator: the year's indicators with charts."""
    scope, choice = request_scope(request)
    today = timezone.localdate()
    by_org = monitoring.compute(scope.org_ids, scope.year, today)
    combined = monitoring.total(by_org)
    chart = monitoring.chart_data(combined)
    forms = chart["forms"]
    context = {
        "scope": scope,
        "choice": choice,
        "organizations": selector_organizations(request),
        "years": recent_years(scope.year, today),
        "rows": monitoring.rows(combined),
        "forms": [(name, combined.figures.by_form[name]) for name in forms["labels"]],
        "per_org": [(org, monitoring.rows(by_org[org.pk])) for org in scope.organizations]
        if scope.several
        else [],
        "columns": [label for label, *_ in monitoring.rows(combined)],
        "chart": chart,
        "query": f"year={scope.year.start_year}&org={choice}",
        "day": monitoring.reference_day(scope.year, today),
    }
    return render(request, "reports/monitoring/index.html", context)


@org_permission_required("reports.view_statistics")
def monitoring_note(request: HttpRequest) -> HttpResponse:
    """The analytical note on the programme's quality (PDF) for the chosen year and organization(s)."""
    scope, _ = request_scope(request)
    content = render_pdf("documents/analytical_note.html", notes.note_context(scope, timezone.localdate()))
    return pdf_response(content, f"{scope.stem('Аналитическая справка')}.pdf")


@org_permission_required("reports.view_statistics")
def campaign_export(request: HttpRequest, uuid, kind: str) -> HttpResponse:
    """One campaign's raw answers or summary as .xlsx; staff readers, names for the curator only."""
    if kind not in ("answers", "summary"):
        raise Http404
    campaigns = Campaign.objects.exclude(status=Campaign.Status.DRAFT).select_related("organization")
    if not has_global_admin(request.user):
        campaigns = campaigns.filter(
            organization__in=organizations_with_role(request.user, "admin", "director", "curator")
        )
    campaign = get_object_or_404(campaigns, uuid=uuid)
    require_perm(request, "pairs.view_surveys", campaign)
    names_for = frozenset(organizations_with_role(request.user, "curator"))
    workbook = survey_exports.campaigns_workbook([campaign], kind, names_for=names_for)
    title = "Ответы" if kind == "answers" else "Сводка"
    return xlsx_response(workbook, f"{title} {campaign.title}"[:120])
