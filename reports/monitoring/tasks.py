"""The statistics section's background jobs: its Excel exports, the analytical note and the
exports of one campaign's results (the views start them; the worker runs these), and the periodic
refresh of the kept yearly figures."""

from __future__ import annotations

from django.utils import timezone
from procrastinate.contrib.django import app

from jobs.registry import register
from mentoring.lib.pdf import render_pdf
from mentoring.lib.worker import task_connections
from mentoring.lib.xlsx import xlsx_file
from people import roles
from people.access import has_global_admin, organizations_with_role
from people.models import AcademicYear, Organization
from reports.monitoring import exports, figures, notes, statistics
from reports.monitoring.models import StatisticalForm
from reports.surveys import exports as survey_exports
from reports.surveys.models import Campaign

PERMISSION = "monitoring.view_statistics"


def scope_parameters(scope: exports.Scope) -> dict:
    return {"year": scope.year.start_year, "organizations": scope.org_ids}


def scope_of(job) -> exports.Scope:
    ids = job.parameters["organizations"]
    by_id = Organization.objects.in_bulk(ids)
    year = AcademicYear.objects.get(start_year=job.parameters["year"])
    return exports.Scope([by_id[pk] for pk in ids if pk in by_id], year)


def scope_allowed(user, job) -> bool:
    """Every organization the file covers is still one the user reads."""
    if has_global_admin(user):
        return True
    return set(job.parameters["organizations"]) <= organizations_with_role(user, *roles.STATISTICS_READERS)


def form_lines(form_id: int | None) -> list[statistics.FormLine]:
    """The rows of the chosen statistical form; the default form's when none was chosen or it has
    been deleted since."""
    forms = StatisticalForm.objects.prefetch_related("rows")
    form = forms.filter(pk=form_id).first() if form_id else None
    form = form or forms.filter(is_default=True).first()
    return form.lines() if form is not None else statistics.DEFAULT_LINES


@register("statistics_export", permission=PERMISSION, allowed=scope_allowed)
def statistics_export(job, progress):
    scope = scope_of(job)
    kind = job.parameters["export"]
    names_for = frozenset(job.parameters.get("names_for", ()))
    lines = form_lines(job.parameters.get("form")) if kind == "form" else statistics.DEFAULT_LINES
    workbook = exports.build(
        kind, scope, timezone.localdate(), names_for=names_for, progress=progress, lines=lines
    )
    progress(95, "Запись файла")
    return xlsx_file(workbook, scope.stem(exports.EXPORTS[kind]))


@register("analytical_note", permission=PERMISSION, allowed=scope_allowed)
def analytical_note(job, progress):
    scope = scope_of(job)
    progress(10, "Подсчёт показателей")
    context = notes.note_context(scope, timezone.localdate(), author=job.owner)
    progress(50, "Вёрстка PDF")
    return f"{scope.stem('Аналитическая справка')}.pdf", render_pdf("documents/analytical_note.html", context)


def campaign_allowed(user, job) -> bool:
    campaigns = Campaign.objects.visible_to(user).filter(pk=job.parameters["campaign"])
    return campaigns.exists() and user.has_perm("surveys.view_surveys", campaigns.get())


@register("campaign_export", permission=PERMISSION, allowed=campaign_allowed)
def campaign_export(job, progress):
    campaign = Campaign.objects.select_related("organization").get(pk=job.parameters["campaign"])
    kind = job.parameters["export"]
    progress(10, "Сбор ответов")
    names_for = frozenset(job.parameters.get("names_for", ()))
    workbook = survey_exports.campaigns_workbook([campaign], kind, names_for=names_for)
    title = "Ответы" if kind == "answers" else "Сводка"
    progress(90, "Запись файла")
    return xlsx_file(workbook, f"{title} {campaign.title}"[:120])


@app.periodic(cron="* * * * *", periodic_id="refresh_year_figures")
@app.task(name="monitoring.refresh_year_figures", queue="periodic", queueing_lock="refresh_year_figures")
def refresh_year_figures(timestamp: int) -> int:
    """Every minute: the kept yearly figures a write made stale are recomputed, so the statistics
    and monitoring of many schools are never more than a minute behind (a page that finds a stale
    row recomputes it itself meanwhile)."""
    with task_connections():
        return figures.refresh_stale()
