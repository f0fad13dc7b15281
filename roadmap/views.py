"""Roadmap pages: list, creation (template, copy, Word import), detail, approval, activities."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobs.actions import job_start
from jobs.views import started
from mentoring.lib import concurrency
from mentoring.lib.actions import ActionRefused, refusals
from mentoring.lib.concurrency import EditConflict, submitted_version
from mentoring.lib.files import open_stored, redirects, stored_file_response
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.uploads import CONTENT_TYPES, sniff
from mentoring.lib.views import org_permission_required
from people import roles
from people.models import AcademicYear, Person
from roadmap import actions, exports, kpi, progress
from roadmap.forms import (
    ActivityForm,
    AmendForm,
    ApproveForm,
    CreateRoadmapForm,
    ImportForm,
    KpiActualForm,
    OccurrenceForm,
    ReturnForm,
    RoadmapForm,
    StageForm,
    StatusForm,
)
from roadmap.importer import RULES, ImportFailed, keep_whole, read_docx
from roadmap.models import Activity, CalendarToken, EvidenceSuggestion, Occurrence, Roadmap, Stage

IMPORT_SESSION_KEY = "roadmap_import"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _roadmap(request: HttpRequest, uuid, perm: str) -> Roadmap:
    roadmaps = Roadmap.objects.select_related("organization", "academic_year")
    return get_visible_or_404(request, roadmaps, perm, uuid=uuid)


def _activity(request: HttpRequest, uuid, perm: str, *, of_roadmap: bool = False) -> Activity:
    """The activity; `perm` is checked on it, or on its roadmap when `of_roadmap`."""
    activities = Activity.objects.select_related(
        "stage__roadmap__organization", "stage__roadmap__academic_year"
    )
    perm_object = (lambda activity: activity.stage.roadmap) if of_roadmap else None
    return get_visible_or_404(request, activities, perm, perm_object=perm_object, uuid=uuid)


@org_permission_required("roadmap.view_roadmap_list")
def roadmap_list(request: HttpRequest) -> HttpResponse:
    """Roadmaps of the organization by year; readers of drafts see drafts too. Every member."""
    roadmaps = Roadmap.objects.visible_to(request.user).filter(organization=request.organization).for_list()
    if not request.roles & roles.STAFF_READERS:
        roadmaps = roadmaps.filter(status__in=[Roadmap.Status.APPROVED, Roadmap.Status.ARCHIVED])
    return render(request, "roadmap/roadmap_list.html", {"roadmaps": roadmaps})


@org_permission_required("roadmap.add_roadmap")
def roadmap_create(request: HttpRequest) -> HttpResponse:
    """A new draft from the standard template or as a copy of another year; the curator."""
    form = CreateRoadmapForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        year, _ = AcademicYear.objects.get_or_create(start_year=int(form.cleaned_data["year"]))
        with refusals(request, form) as refused:
            if form.cleaned_data["source"] == "copy":
                roadmap = actions.roadmap_copy_to_year(
                    form.cleaned_data["copy_from"], year, actor=request.user
                )
            else:
                roadmap = actions.roadmap_create_from_template(request.organization, year, actor=request.user)
        if not refused:
            messages.success(request, "Черновик дорожной карты создан.")
            return redirect(roadmap)
    return render(request, "roadmap/roadmap_create.html", {"form": form})


@org_permission_required("roadmap.add_roadmap")
def roadmap_import(request: HttpRequest) -> HttpResponse:
    """Upload a Word file and read it; the result waits in the session for the preview. Curator."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        year = int(form.cleaned_data["year"])
        try:
            if not upload.name.lower().endswith(".docx"):
                raise ImportFailed(
                    "Загрузите файл Word в формате .docx (файлы .doc, .pdf и другие не читаются)."
                )
            if upload.size > MAX_UPLOAD_BYTES:
                raise ImportFailed("Файл больше 10 МБ: уберите из документа картинки или разделите его.")
            data = read_docx(upload, year)
        except ImportFailed as error:
            form.add_error("file", str(error))
        else:
            request.session[IMPORT_SESSION_KEY] = {
                "organization": request.organization.pk,
                "data": data,
                # `manage.py purge_import_previews` removes a preview left for a day.
                "created": timezone.now().isoformat(),
            }
            return redirect("roadmap:roadmap_import_preview")
    return render(request, "roadmap/roadmap_import.html", {"form": form})


@org_permission_required("roadmap.add_roadmap")
def roadmap_import_preview(request: HttpRequest) -> HttpResponse:
    """What the file holds, before anything is saved; the curator may keep split rows whole
    («Применить»), and a POST without `apply` saves it all as a draft. Curator."""
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending or pending["organization"] != request.organization.pk:
        messages.info(request, "Сначала загрузите файл дорожной карты.")
        return redirect("roadmap:roadmap_import")
    kept = {int(row) for row in request.POST.getlist("keep_whole") if row.isdigit()}
    data = keep_whole(pending["data"], kept)
    if request.method == "POST" and "apply" not in request.POST:
        year, _ = AcademicYear.objects.get_or_create(
            start_year=AcademicYear.parse_label(data["academic_year"])
        )
        with refusals(request) as refused:
            result = actions.roadmap_import(request.organization, year, data, actor=request.user)
        if not refused:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(request, "Дорожная карта импортирована как черновик.")
            for name in result.unmatched:
                messages.warning(request, f"«{name}» не найден среди сотрудников — сохранён как текст.")
            return redirect(result.roadmap)
    staff = list(Person.objects.visible_to(request.user).filter(organization=request.organization).staff())
    matches = {
        entry: actions.match_person(entry, staff)
        for stage in data["stages"]
        for activity in stage["activities"]
        for entry in activity["responsible"]
    }
    context = {"data": data, "matches": matches, "rules": RULES, "count": _activity_count(data)}
    return render(request, "roadmap/roadmap_import_preview.html", context)


def _activity_count(data: dict) -> int:
    return sum(len(stage["activities"]) for stage in data["stages"])


@login_required
def roadmap_detail(request: HttpRequest, uuid) -> HttpResponse:
    """The roadmap with progress per stage; staff readers, and every member once it is approved."""
    roadmap = _roadmap(request, uuid, "roadmap.view_roadmap")
    stages = list(
        roadmap.stages.prefetch_related(
            "activities__responsible",
            "activities__occurrences",
            Prefetch(
                "activities__suggestions",
                queryset=EvidenceSuggestion.objects.filter(status=EvidenceSuggestion.Status.PENDING),
                to_attr="pending_suggestions",
            ),
        )
    )
    activities = [a for s in stages for a in s.activities.all()]
    figures = progress.compute(activities)
    kpi.facts_for(roadmap, activities)
    for stage in stages:
        stage.progress = figures.stages.get(stage.pk, progress.Progress())
    for activity in activities:
        activity.can_change_status = request.user.has_perm("roadmap.change_activity_status", activity)
        activity.can_decide_evidence = activity.pending_suggestions and request.user.has_perm(
            "roadmap.decide_evidence", activity
        )
    context = {
        "roadmap": roadmap,
        "stages": stages,
        "progress": figures.overall,
        "today": timezone.localdate(),
        "versions": Roadmap.objects.filter(
            organization=roadmap.organization, academic_year=roadmap.academic_year
        ),
        # A roadmap imported with its stamp already carries the order and the protocol.
        "approve_form": ApproveForm(initial=_approval_initial(roadmap), organization=roadmap.organization),
        "return_form": ReturnForm(),
        "amend_form": AmendForm(),
    }
    return render(request, "roadmap/roadmap_detail.html", context)


def _approval_initial(roadmap: Roadmap) -> dict:
    fields = ("order_number", "order_date", "protocol_number", "protocol_date")
    return {name: getattr(roadmap, name) for name in fields if getattr(roadmap, name)}


def _workflow(request: HttpRequest, uuid, perm: str, run) -> HttpResponse:
    roadmap = _roadmap(request, uuid, perm)
    with refusals(request) as refused:
        result, message = run(roadmap)
        messages.success(request, message)
    return redirect(roadmap if refused else result)


@require_POST
@login_required
def roadmap_submit(request: HttpRequest, uuid) -> HttpResponse:
    """Send a draft to the director; the curator."""
    return _workflow(
        request,
        uuid,
        "roadmap.submit_roadmap",
        lambda r: (
            actions.roadmap_submit(r, actor=request.user),
            "Дорожная карта отправлена на утверждение.",
        ),
    )


@require_POST
@login_required
def roadmap_approve(request: HttpRequest, uuid) -> HttpResponse:
    """Approve with the order and the pedagogical council protocol; the director."""
    roadmap = _roadmap(request, uuid, "roadmap.approve_roadmap")
    form = ApproveForm(request.POST, organization=roadmap.organization)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
            for f, e in form.errors.items()
        )
        messages.error(request, f"Дорожная карта не утверждена. {errors}")
        return redirect(roadmap)
    return _workflow(
        request,
        uuid,
        "roadmap.approve_roadmap",
        lambda r: (
            actions.roadmap_approve(r, actor=request.user, **form.cleaned_data),
            "Дорожная карта утверждена.",
        ),
    )


@require_POST
@login_required
def roadmap_return(request: HttpRequest, uuid) -> HttpResponse:
    """Return to the curator with a comment; the director."""
    comment = request.POST.get("comment", "")
    return _workflow(
        request,
        uuid,
        "roadmap.approve_roadmap",
        lambda r: (
            actions.roadmap_return(r, actor=request.user, comment=comment),
            "Дорожная карта возвращена на доработку.",
        ),
    )


@require_POST
@login_required
def roadmap_amend(request: HttpRequest, uuid) -> HttpResponse:
    """Start a new version of an approved roadmap; the curator."""
    reason = request.POST.get("reason", "")
    return _workflow(
        request,
        uuid,
        "roadmap.amend_roadmap",
        lambda r: (
            actions.roadmap_amend(r, actor=request.user, reason=reason),
            "Создана новая версия (черновик).",
        ),
    )


@login_required
def roadmap_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Change the title of a draft; the curator."""
    roadmap = _roadmap(request, uuid, "roadmap.change_roadmap")
    form = RoadmapForm(request.POST or None, instance=roadmap)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Заголовок сохранён.")
        return redirect(roadmap)
    return render(request, "roadmap/roadmap_form.html", {"form": form, "roadmap": roadmap})


@login_required
def stage_edit(request: HttpRequest, uuid, stage: int | None = None) -> HttpResponse:
    """Add a stage to a draft or rename one; the curator."""
    roadmap = _roadmap(request, uuid, "roadmap.change_roadmap")
    instance = get_object_or_404(Stage, roadmap=roadmap, number=stage) if stage else Stage(roadmap=roadmap)
    form = StageForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            if instance.pk:
                form.save()  # a new title only
            else:
                actions.stage_create(roadmap, actor=request.user, title=form.cleaned_data["title"])
        if not refused:
            messages.success(request, "Этап сохранён.")
            return redirect(roadmap)
    return render(request, "roadmap/stage_form.html", {"form": form, "roadmap": roadmap})


@require_POST
@login_required
def roadmap_archive(request: HttpRequest, uuid) -> HttpResponse:
    """Send an approved roadmap to the archive at the end of its year; the director."""
    return _workflow(
        request,
        uuid,
        "roadmap.archive_roadmap",
        lambda r: (actions.roadmap_archive(r, actor=request.user), "Дорожная карта переведена в архив."),
    )


@login_required
def activity_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Edit an activity of a draft; the curator."""
    activity = _activity(request, uuid, "roadmap.change_roadmap", of_roadmap=True)
    roadmap = activity.stage.roadmap
    return _activity_form(request, roadmap, activity.stage, activity)


@login_required
def activity_add(request: HttpRequest, uuid, stage: int) -> HttpResponse:
    """Add an activity to a stage of a draft; the curator."""
    roadmap = _roadmap(request, uuid, "roadmap.change_roadmap")
    stage_obj = get_object_or_404(Stage, roadmap=roadmap, number=stage)
    return _activity_form(request, roadmap, stage_obj, Activity(stage=stage_obj))


def _activity_form(request, roadmap: Roadmap, stage: Stage, activity: Activity) -> HttpResponse:
    form = ActivityForm(request.POST or None, instance=activity, organization=roadmap.organization)
    conflict = None
    if request.method == "POST" and activity.pk and concurrency.stale(activity, submitted_version(form)):
        # Shown before any validation error: the form is out of date whatever it holds.
        form.is_valid()
        conflict = EditConflict(Activity.objects.get(pk=activity.pk), noun="Мероприятие")
    elif request.method == "POST" and form.is_valid():
        if activity.pk is None:
            with refusals(request, form) as refused:
                actions.activity_create(stage, form=form, actor=request.user)
            if not refused:
                messages.success(request, "Мероприятие сохранено.")
                return redirect(roadmap)
        try:
            actions.activity_update(
                activity, form=form, version=form.cleaned_data["version"], actor=request.user
            )
        except EditConflict as exc:
            conflict = exc
        else:
            messages.success(request, "Мероприятие сохранено.")
            return redirect(roadmap)
    if conflict is not None:
        conflict.with_changes(concurrency.form_changes(form, conflict.current))
        form = ActivityForm(instance=conflict.current, organization=roadmap.organization)
    context = {"form": form, "roadmap": roadmap, "stage": stage, "conflict": conflict}
    return render(request, "roadmap/activity_form.html", context)


@require_POST
@login_required
def activity_delete(request: HttpRequest, uuid) -> HttpResponse:
    """Delete an activity of a draft; the curator."""
    activity = _activity(request, uuid, "roadmap.change_roadmap", of_roadmap=True)
    roadmap = activity.stage.roadmap
    activity.delete()
    messages.success(request, "Мероприятие удалено.")
    return redirect(roadmap)


@login_required
def activity_status(request: HttpRequest, uuid) -> HttpResponse:
    """Move an activity (done needs evidence); its responsible staff and the curator."""
    activity = _activity(request, uuid, "roadmap.change_activity_status")
    form = StatusForm(request.POST or None, request.FILES or None, activity=activity)
    try:
        if request.method == "POST" and concurrency.stale(activity, submitted_version(form)):
            raise EditConflict(activity, noun="Мероприятие")
        if request.method == "POST" and form.is_valid():
            actions.activity_set_status(activity, actor=request.user, **form.cleaned_data)
            messages.success(request, "Статус мероприятия изменён.")
            return redirect(activity.stage.roadmap)
    except EditConflict as error:
        # The move chosen on a stale page may no longer make sense: show the page afresh.
        messages.error(request, f"{error.message} Проверьте текущий статус и повторите.")
        return redirect("roadmap:activity_status", uuid=activity.uuid)
    except ActionRefused as error:
        form.add_error(None, str(error))
    return render(request, "roadmap/activity_status.html", {"form": form, "activity": activity})


@login_required
def activity_kpi(request: HttpRequest, uuid) -> HttpResponse:
    """Enter the fact of the activity's indicator; its responsible staff and the curator."""
    activity = _activity(request, uuid, "roadmap.change_activity_status")
    kpi.facts_for(activity.stage.roadmap, [activity])
    form = KpiActualForm(request.POST or None, initial={"value": activity.kpi_actual})
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.activity_set_kpi_actual(activity, actor=request.user, value=form.cleaned_data["value"])
            messages.success(request, "Фактическое значение показателя сохранено.")
        if not refused:
            return redirect(activity.stage.roadmap)
    return render(request, "roadmap/activity_kpi.html", {"form": form, "activity": activity})


@login_required
def occurrence_complete(request: HttpRequest, uuid) -> HttpResponse:
    """Mark one due window of a recurring activity done; its responsible staff and the curator."""
    occurrences = Occurrence.objects.select_related("activity__stage__roadmap__organization")
    occurrence = get_visible_or_404(
        request, occurrences, "roadmap.change_activity_status", perm_object=lambda o: o.activity, uuid=uuid
    )
    form = OccurrenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.occurrence_complete(occurrence, actor=request.user, **form.cleaned_data)
            messages.success(request, f"Срок до {occurrence.end:%d.%m.%Y} отмечен выполненным.")
        if not refused:
            return redirect(occurrence.activity.stage.roadmap)
    return render(request, "roadmap/occurrence_complete.html", {"form": form, "occurrence": occurrence})


@org_permission_required("roadmap.view_my_activities")
def my_activities(request: HttpRequest) -> HttpResponse:
    """Activities the user is responsible for in the roadmaps in force, and the calendar link. Every member."""
    person = Person.objects.filter(organization=request.organization, user=request.user).first()
    activities = (
        Activity.objects.in_force().filter(responsible=person).for_list()
        if person
        else Activity.objects.none()
    )
    token = CalendarToken.objects.filter(person=person).first() if person else None
    return render(
        request,
        "roadmap/my_activities.html",
        {"activities": activities, "person": person, "token": token, "today": timezone.localdate()},
    )


@require_POST
@org_permission_required("roadmap.view_my_activities")
def calendar_token_reset(request: HttpRequest) -> HttpResponse:
    """Issue a new private calendar link (the old one stops working); every member with a card."""
    person = Person.objects.filter(organization=request.organization, user=request.user).first()
    if person is None:
        raise Http404
    CalendarToken.objects.filter(person=person).delete()
    CalendarToken.objects.create(person=person)
    messages.success(request, "Новая ссылка на календарь создана; прежняя больше не действует.")
    return redirect("roadmap:my_activities")


@login_not_required
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed of a person's activities; anyone holding the secret link."""
    calendar_token = get_object_or_404(CalendarToken.objects.select_related("person"), token=token)
    return exports.ics_response(calendar_token.person)


@login_required
def activity_evidence(request: HttpRequest, uuid) -> HttpResponse:
    """The file attached as evidence of an activity; whoever may read the roadmap."""
    activity = _activity(request, uuid, "roadmap.view_roadmap", of_roadmap=True)
    if not activity.evidence_file:
        raise Http404
    stored = activity.evidence_file
    extension = stored.name.rsplit(".", 1)[-1].lower()
    # Files stored before uploads were checked by content are served as plain bytes; a signed
    # link goes by the extension, which the content check has set for every newer file.
    handle = None if redirects(stored) else open_stored(stored)
    kind = extension if handle is None else sniff(handle, extension)
    return stored_file_response(
        stored,
        filename=stored.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
        handle=handle,
    )


def _suggestion(request: HttpRequest, uuid) -> EvidenceSuggestion:
    suggestions = EvidenceSuggestion.objects.select_related("activity__stage__roadmap")
    return get_visible_or_404(
        request, suggestions, "roadmap.decide_evidence", perm_object=lambda s: s.activity, uuid=uuid
    )


def _back(request: HttpRequest, suggestion: EvidenceSuggestion) -> HttpResponse:
    """Back to the dashboard when the decision was taken there, else to the roadmap."""
    if request.POST.get("back") == "dashboard":
        return redirect("dashboard")
    return redirect(suggestion.activity.stage.roadmap)


@require_POST
@login_required
def evidence_accept(request: HttpRequest, uuid) -> HttpResponse:
    """Count the offered order, event, survey… as the activity's completion; the curator."""
    suggestion = _suggestion(request, uuid)
    with refusals(request):
        actions.evidence_accept(suggestion, actor=request.user)
        messages.success(
            request, f"Мероприятие «{suggestion.activity.title[:80]}» засчитано как выполненное."
        )
    return _back(request, suggestion)


@require_POST
@login_required
def evidence_decline(request: HttpRequest, uuid) -> HttpResponse:
    """Hide an offer that is not the activity's evidence; the curator."""
    suggestion = _suggestion(request, uuid)
    with refusals(request):
        actions.evidence_decline(suggestion, actor=request.user)
        messages.success(request, "Предложение скрыто.")
    return _back(request, suggestion)


@require_POST
@login_required
def roadmap_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """Start the roadmap as a landscape PDF with the approval stamps; whoever may read it."""
    return _start_document(request, _roadmap(request, uuid, "roadmap.export_roadmap"), "pdf")


@require_POST
@login_required
def roadmap_xlsx(request: HttpRequest, uuid) -> HttpResponse:
    """Start the roadmap with progress as an Excel workbook; whoever may read it."""
    return _start_document(request, _roadmap(request, uuid, "roadmap.export_roadmap"), "xlsx")


def _start_document(request: HttpRequest, roadmap: Roadmap, fmt: str) -> HttpResponse:
    title = f"Дорожная карта {roadmap.academic_year.label} ({'PDF' if fmt == 'pdf' else 'Excel'})"
    job = job_start(
        actor=request.user,
        organization=roadmap.organization,
        kind="roadmap_document",
        title=title,
        parameters={"roadmap": roadmap.pk, "format": fmt},
    )
    return started(request, job)
