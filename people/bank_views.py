"""The mentor and mentee banks: lists with filters, Excel export, entry, status changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobs.actions import start_job
from jobs.views import started
from mentoring.lib.actions import refusals
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.views import org_permission_required, paginate
from mentoring.lib.xlsx import Column, SheetWriter, caption_for, new_workbook
from people import actions
from people.filters import MenteeFilter, MentorFilter
from people.forms import MenteeForm, MentorForm, StatusForm, SupportActionForm, TrainingForm
from people.models import Mentee, Mentor

BANKS = {
    "mentor": {"model": Mentor, "filter": MentorFilter, "form": MentorForm, "title": "Банк наставников"},
    "mentee": {"model": Mentee, "filter": MenteeFilter, "form": MenteeForm, "title": "Банк наставляемых"},
}


def _filtered(request: HttpRequest, bank: str, *, table: bool = False):
    return bank_filter(request.user, request.organization, request.GET, bank, table=table)


def bank_filter(user, organization, data: QueryDict, bank: str, *, table: bool = False):
    """The bank of `organization` as `user` sees it, filtered by `data` (the list's query string)."""
    spec = BANKS[bank]
    queryset = spec["model"].objects.visible_in(user, organization)
    queryset = queryset.for_table() if table else queryset.for_list()
    return spec["filter"](data or None, queryset=queryset)


def _bank_list(request: HttpRequest, bank: str) -> HttpResponse:
    filterset = _filtered(request, bank, table=True)
    page = paginate(request, filterset.qs)
    return render(
        request,
        f"people/{bank}_list.html",
        {
            "filter": filterset,
            "page": page,
            "title": BANKS[bank]["title"],
            "can_manage": request.user.has_perm("people.manage_banks", request.organization),
        },
    )


@org_permission_required("people.view_banks")
def mentor_list(request: HttpRequest) -> HttpResponse:
    """The mentor bank with filters, sorting and search; director, curator, admin."""
    return _bank_list(request, "mentor")


@org_permission_required("people.view_banks")
def mentee_list(request: HttpRequest) -> HttpResponse:
    """The mentee bank with filters, sorting and search; director, curator, admin."""
    return _bank_list(request, "mentee")


def _consent_label(row) -> str:
    return "действует" if row.consent_valid else "нет действующего"


MENTOR_COLUMNS = [
    Column("ФИО", 34),
    Column("Категория участника", 18),
    Column("Должность / класс", 26),
    Column("Предметы", 22),
    Column("Квалификационная категория", 18),
    Column("Стаж, лет", 8, "0"),
    Column("Компетенции", 40),
    Column("Формы", 22),
    Column("Наибольшее число наставляемых", 12, "0"),
    Column("Статус", 16),
    Column("Согласие на обработку ПДн", 16),
    Column("Учебный год", 12),
]
MENTEE_COLUMNS = [
    Column("ФИО", 34),
    Column("Категория участника", 18),
    Column("Должность / класс", 26),
    Column("Категория наставляемого", 30),
    Column("Запросы", 40),
    Column("Запросы своими словами", 40),
    Column("Желаемая форма", 22),
    Column("Статус", 16),
    Column("Ожидает пары с", 12),
    Column("Согласие на обработку ПДн", 16),
    Column("Учебный год", 12),
]


@require_POST
@org_permission_required("people.view_banks")
def mentor_export(request: HttpRequest):
    """Start the filtered mentor bank as .xlsx; director, curator, admin."""
    return _start_export(request, "mentor")


@require_POST
@org_permission_required("people.view_banks")
def mentee_export(request: HttpRequest):
    """Start the filtered mentee bank as .xlsx; director, curator, admin."""
    return _start_export(request, "mentee")


def _start_export(request: HttpRequest, bank: str) -> HttpResponse:
    params = {"bank": bank, "filters": dict(request.GET.lists())}
    return started(request, start_job(request, "bank_export", BANKS[bank]["title"], params))


def mentor_workbook(user, organization, data: QueryDict, progress=lambda percent, step="": None):
    """The filtered mentor bank as a workbook (the rows as the list shows them)."""
    workbook = new_workbook()
    sheet = SheetWriter(
        workbook,
        "Наставники",
        MENTOR_COLUMNS,
        caption=caption_for(organization.short_name, "Банк наставников"),
    )
    queryset = bank_filter(user, organization, data, "mentor").qs
    total = max(1, queryset.count())
    for n, m in enumerate(queryset.iterator(chunk_size=500)):
        if n % 500 == 0:
            progress(90 * n / total, "Банк наставников")
        p = m.person
        sheet.append(
            [
                p.full_name,
                p.get_kind_display(),
                p.place,
                m.subjects,
                m.get_qualification_category_display(),
                p.experience_years,
                "; ".join(c.name for c in m.competencies.all()),
                "; ".join(f.name for f in m.preferred_forms.all()),
                m.capacity,
                m.get_status_display(),
                _consent_label(m),
                m.academic_year.label,
            ]
        )
    sheet.close()
    return workbook


def mentee_workbook(user, organization, data: QueryDict, progress=lambda percent, step="": None):
    """The filtered mentee bank as a workbook (the rows as the list shows them)."""
    workbook = new_workbook()
    sheet = SheetWriter(
        workbook,
        "Наставляемые",
        MENTEE_COLUMNS,
        caption=caption_for(organization.short_name, "Банк наставляемых"),
    )
    queryset = bank_filter(user, organization, data, "mentee").qs
    total = max(1, queryset.count())
    for n, m in enumerate(queryset.iterator(chunk_size=500)):
        if n % 500 == 0:
            progress(90 * n / total, "Банк наставляемых")
        p = m.person
        sheet.append(
            [
                p.full_name,
                p.get_kind_display(),
                p.place,
                m.get_category_display(),
                "; ".join(c.name for c in m.requests.all()),
                m.requests_text,
                m.desired_form.name if m.desired_form else "",
                m.get_status_display(),
                m.waits_since,
                _consent_label(m),
                m.academic_year.label,
            ]
        )
    sheet.close()
    return workbook


def _bank_create(request: HttpRequest, bank: str) -> HttpResponse:
    form = BANKS[bank]["form"](request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        create = actions.mentor_create if bank == "mentor" else actions.mentee_create
        person = form.cleaned_data["person"]
        with refusals(request, form) as refused:
            create(person, actor=request.user, **form.action_fields())
        if not refused:
            messages.success(
                request, f"{person.full_name}: запись внесена в банк со статусом «заявка/кандидат»."
            )
            return redirect(person)
    return render(
        request,
        "people/bank_form.html",
        {"form": form, "title": BANKS[bank]["title"], "cancel_url": f"people:{bank}_list"},
    )


@org_permission_required("people.manage_banks")
def mentor_create(request: HttpRequest) -> HttpResponse:
    """Put a person into the mentor bank; curator and admin."""
    return _bank_create(request, "mentor")


@org_permission_required("people.manage_banks")
def mentee_create(request: HttpRequest) -> HttpResponse:
    """Put a person into the mentee bank; curator and admin."""
    return _bank_create(request, "mentee")


def _load(request: HttpRequest, model, uuid):
    return get_visible_or_404(
        request, model.objects.select_related("person"), "people.manage_banks", uuid=uuid
    )


def _change_status(request: HttpRequest, model, uuid) -> HttpResponse:
    record = _load(request, model, uuid)
    form = StatusForm(request.POST, choices=model.Status.choices)
    change = actions.mentor_change_status if model is Mentor else actions.mentee_change_status
    if form.is_valid():
        with refusals(request):
            change(
                record, form.cleaned_data["status"], actor=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, "Статус изменён.")
    else:
        messages.error(request, "Выберите статус из списка.")
    return redirect(record.person)


@login_required
@require_POST
def mentor_status(request: HttpRequest, uuid) -> HttpResponse:
    """Change a mentor's status (active only with a valid consent); curator and admin."""
    return _change_status(request, Mentor, uuid)


@login_required
@require_POST
def mentee_status(request: HttpRequest, uuid) -> HttpResponse:
    """Change a mentee's status (taking part only with a valid consent); curator and admin."""
    return _change_status(request, Mentee, uuid)


@login_required
@require_POST
def mentor_training_add(request: HttpRequest, uuid) -> HttpResponse:
    """Record a training of a mentor (date, topic, hours); curator and admin."""
    mentor = _load(request, Mentor, uuid)
    form = TrainingForm(request.POST)
    if form.is_valid():
        form.instance.mentor = mentor
        form.save()
        messages.success(request, "Обучение записано.")
    else:
        messages.error(request, "Обучение не записано: укажите дату, тему и число часов больше нуля.")
    return redirect(mentor.person)


@login_required
@require_POST
def mentee_support_add(request: HttpRequest, uuid) -> HttpResponse:
    """Log a measure of psychological-pedagogical support of a mentee; curator and admin."""
    mentee = _load(request, Mentee, uuid)
    form = SupportActionForm(request.POST)
    if form.is_valid():
        with refusals(request):
            actions.mentee_support_add(
                mentee, actor=request.user, on=form.cleaned_data["date"], text=form.cleaned_data["action"]
            )
            messages.success(request, "Мера поддержки записана.")
    else:
        messages.error(request, "Мера поддержки не записана: укажите дату и что сделано.")
    return redirect(mentee.person)
