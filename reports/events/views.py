"""Events: the list, planning, attendance, materials and the protocol with its documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from mentoring.lib.actions import refusals
from mentoring.lib.files import stored_file_response
from mentoring.lib.pdf import pdf_response
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.uploads import CONTENT_TYPES
from mentoring.lib.views import org_permission_required, paginate
from people.models import Person
from reports.events import actions, documents
from reports.events.forms import (
    AttendanceForm,
    CancelForm,
    EventFilterForm,
    EventForm,
    MaterialForm,
    ProtocolForm,
    TrainingGroupForm,
    TrainingSessionForm,
)
from reports.events.models import Event, EventParticipant, Protocol, TrainingGroup


def _event(request: HttpRequest, uuid, perm: str) -> Event:
    """The event if the user may see it (404 otherwise) and holds `perm` for it (403 otherwise)."""
    return get_visible_or_404(
        request, Event.objects.select_related("organization", "organizer"), perm, uuid=uuid
    )


def _protocol(request: HttpRequest, uuid, perm: str) -> Protocol:
    queryset = Protocol.objects.select_related("organization", "event", "chair", "secretary")
    return get_visible_or_404(request, queryset, perm, uuid=uuid)


@org_permission_required("events.view_event_list")
def event_list(request: HttpRequest) -> HttpResponse:
    """The organization's events by kind and academic year; staff readers, participants their own."""
    events = Event.objects.visible_to(request.user).filter(organization=request.organization).for_list()
    filters = EventFilterForm(request.GET or None)
    if filters.is_valid():
        if filters.cleaned_data["kind"]:
            events = events.filter(kind=filters.cleaned_data["kind"])
        if filters.cleaned_data["year"]:
            events = events.of_academic_year(int(filters.cleaned_data["year"]))
    return render(request, "events/event_list.html", {"page": paginate(request, events), "filters": filters})


@org_permission_required("events.manage_events")
def event_create(request: HttpRequest) -> HttpResponse:
    """Plan an event and invite its participants; the curator (and admin)."""
    form = EventForm(request.POST or None, organization=request.organization, user=request.user)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            event = actions.event_create(request.organization, actor=request.user, **form.action_arguments())
        if not refused:
            messages.success(request, "Мероприятие запланировано.")
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
def event_detail(request: HttpRequest, uuid) -> HttpResponse:
    """An event with its participants, attendance, materials and protocol; staff and the invited."""
    event = _event(request, uuid, "events.view_event")
    can_change = request.user.has_perm("events.change_event", event)
    participants = list(event.participants.select_related("person"))
    context = {
        "event": event,
        "attendance": Event.objects.filter(pk=event.pk)
        .with_attendance()
        .values(
            "named_invited",
            "named_present",
            "class_enrolled",
            "class_present",
            "invited_count",
            "present_count",
        )[0],
        "participants": participants,
        "classes": event.classes.all(),
        "pairs": event.pairs.all(),
        "materials": event.materials.all(),
        "protocol": Protocol.objects.filter(event=event).first(),
        "can_change": can_change,
        "can_view_protocol": request.user.has_perm("events.view_protocol", event),
        "material_form": MaterialForm() if can_change else None,
        "cancel_form": CancelForm() if can_change else None,
        "is_past": timezone.localtime(event.starts_at).date() <= timezone.localdate(),
    }
    return render(request, "events/event_detail.html", context)


@login_required
def event_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Change an event's details and invitations; the curator (and admin)."""
    event = _event(request, uuid, "events.change_event")
    form = EventForm(
        request.POST or None,
        initial=EventForm.initial_for(event),
        organization=event.organization,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.event_update(event, actor=request.user, **form.action_arguments())
        if not refused:
            messages.success(request, "Изменения сохранены.")
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
def event_attendance(request: HttpRequest, uuid) -> HttpResponse:
    """Mark who came and how many of each class: the event is then held; the curator (and admin)."""
    event = _event(request, uuid, "events.change_event")
    form = AttendanceForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.event_hold(event, actor=request.user, **form.action_arguments())
        if not refused:
            messages.success(request, "Посещаемость отмечена, мероприятие проведено.")
            return redirect(event)
    return render(request, "events/event_attendance.html", {"event": event, "form": form})


@require_POST
@login_required
def event_cancel(request: HttpRequest, uuid) -> HttpResponse:
    """Cancel a planned event; the curator (and admin)."""
    event = _event(request, uuid, "events.change_event")
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    with refusals(request):
        actions.event_cancel(event, actor=request.user, reason=reason)
        messages.success(request, "Мероприятие отменено.")
    return redirect(event)


@require_POST
@login_required
def material_add(request: HttpRequest, uuid) -> HttpResponse:
    """Attach a file checked by its content; the curator (and admin)."""
    event = _event(request, uuid, "events.change_event")
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request, "Файл не добавлен. " + " ".join(e for errs in form.errors.values() for e in errs)
        )
        return redirect(event)
    with refusals(request):
        actions.event_material_add(
            event,
            actor=request.user,
            name=form.cleaned_data["name"],
            file=form.cleaned_data["file"],
            file_type=form.file_type,
        )
        messages.success(request, "Материал добавлен.")
    return redirect(event)


@login_required
def material_file(request: HttpRequest, uuid, pk: int) -> FileResponse:
    """A material of the event, after the rights check; whoever sees the event."""
    event = _event(request, uuid, "events.view_event")
    material = get_object_or_404(event.materials, pk=pk)
    return stored_file_response(
        material.file,
        content_type=CONTENT_TYPES.get(material.file_type, "application/octet-stream"),
        filename=f"{material.name}.{material.file_type}",
    )


@require_POST
@login_required
def material_delete(request: HttpRequest, uuid, pk: int) -> HttpResponse:
    """Remove a material; the curator (and admin)."""
    event = _event(request, uuid, "events.change_event")
    material = get_object_or_404(event.materials, pk=pk)
    actions.event_material_delete(material, actor=request.user)
    messages.success(request, "Материал удалён.")
    return redirect(event)


# Protocols -----------------------------------------------------------------------------------


@org_permission_required("events.view_protocol")
def protocol_list(request: HttpRequest) -> HttpResponse:
    """The register of protocols by kind and academic year; staff readers."""
    protocols = Protocol.objects.visible_to(request.user).filter(organization=request.organization).for_list()
    filters = EventFilterForm(request.GET or None)
    if filters.is_valid():
        if filters.cleaned_data["kind"]:
            protocols = protocols.filter(kind=filters.cleaned_data["kind"])
        if filters.cleaned_data["year"]:
            protocols = protocols.filter(year=int(filters.cleaned_data["year"]))
    context = {"page": paginate(request, protocols), "filters": filters}
    return render(request, "events/protocol_list.html", context)


@login_required
def protocol_create(request: HttpRequest, uuid) -> HttpResponse:
    """Write the protocol of a held event; it gets the next number; the curator (and admin)."""
    event = _event(request, uuid, "events.change_event")
    if Protocol.objects.filter(event=event).exists():
        return redirect(event.protocol)
    initial = {"date": timezone.localtime(event.starts_at).date(), "chair": event.organizer_id}
    form = ProtocolForm(request.POST or None, initial=initial, organization=event.organization)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            protocol = actions.protocol_create(event, actor=request.user, **form.action_arguments())
        if not refused:
            messages.success(request, f"Протокол № {protocol.number} составлен.")
            return redirect(protocol)
    return render(request, "events/protocol_form.html", {"form": form, "event": event, "protocol": None})


@login_required
def protocol_detail(request: HttpRequest, uuid) -> HttpResponse:
    """The protocol as text with its documents; staff readers."""
    protocol = _protocol(request, uuid, "events.view_protocol")
    context = {
        **documents.protocol_context(protocol),
        "can_change": request.user.has_perm("events.change_protocol", protocol),
    }
    return render(request, "events/protocol_detail.html", context)


@login_required
def protocol_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Correct the protocol; its number stays; the curator (and admin)."""
    protocol = _protocol(request, uuid, "events.change_protocol")
    form = ProtocolForm(
        request.POST or None, initial=ProtocolForm.initial_for(protocol), organization=protocol.organization
    )
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.protocol_update(protocol, actor=request.user, **form.action_arguments())
        if not refused:
            messages.success(request, "Протокол сохранён.")
            return redirect(protocol)
    context = {"form": form, "event": protocol.event, "protocol": protocol}
    return render(request, "events/protocol_form.html", context)


@login_required
def protocol_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """The protocol as PDF; staff readers."""
    protocol = _protocol(request, uuid, "events.view_protocol")
    return pdf_response(documents.protocol_pdf(protocol), documents.filename(protocol, "pdf"))


@login_required
def protocol_docx(request: HttpRequest, uuid) -> HttpResponse:
    """The protocol as .docx; staff readers."""
    protocol = _protocol(request, uuid, "events.view_protocol")
    response = HttpResponse(documents.protocol_docx(protocol), content_type=CONTENT_TYPES["docx"])
    response["Content-Disposition"] = content_disposition_header(True, documents.filename(protocol, "docx"))
    return response


# Mentor training groups -------------------------------------------------------------------------


def _group(request: HttpRequest, uuid, perm: str) -> TrainingGroup:
    queryset = TrainingGroup.objects.select_related("organization", "academic_year")
    return get_visible_or_404(request, queryset, perm, uuid=uuid)


@org_permission_required("events.view_training_groups")
def training_group_list(request: HttpRequest) -> HttpResponse:
    """«Обучение наставников»: the organization's groups; a mentor, the groups they are in."""
    groups = (
        TrainingGroup.objects.visible_to(request.user).filter(organization=request.organization).for_list()
    )
    return render(request, "events/training_group_list.html", {"page": paginate(request, groups)})


@org_permission_required("events.manage_training")
def training_group_create(request: HttpRequest) -> HttpResponse:
    """A new group of mentors from the bank; the curator (and admin)."""
    form = TrainingGroupForm(request.POST or None, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            group = actions.training_group_create(
                request.organization, actor=request.user, **form.action_arguments()
            )
        if not refused:
            messages.success(request, "Группа обучения наставников создана.")
            return redirect(group)
    return render(request, "events/training_group_form.html", {"form": form, "group": None})


@login_required
def training_group_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Change a group's name, year, mentors and sessions required; the curator (and admin)."""
    group = _group(request, uuid, "events.manage_training")
    form = TrainingGroupForm(
        request.POST or None,
        initial=TrainingGroupForm.initial_for(group),
        organization=group.organization,
        group=group,
    )
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.training_group_update(group, actor=request.user, **form.action_arguments())
        if not refused:
            messages.success(request, "Изменения сохранены.")
            return redirect(group)
    return render(request, "events/training_group_form.html", {"form": form, "group": group})


@login_required
def training_group_detail(request: HttpRequest, uuid) -> HttpResponse:
    """The group's programme of sessions and each mentor's attendance: «занятий посещено N из M»;
    staff readers and the group's mentors (a mentor sees their own row)."""
    group = _group(request, uuid, "events.view_training_group")
    sessions = list(group.sessions.select_related("organizer").with_attendance().order_by("starts_at", "pk"))
    held = [event for event in sessions if event.is_held]
    present = set(
        EventParticipant.objects.filter(event__in=held, present=True).values_list("event_id", "person_id")
    )
    mentors = group.mentors.select_related("person").order_by("person__last_name", "person__first_name")
    staff = request.user.has_perm("events.view_protocol", group.organization)
    if not staff:
        mentors = mentors.filter(person__user=request.user)
    rows = []
    for mentor in mentors:
        marks = [(event, (event.pk, mentor.person_id) in present) for event in held]
        attended = sum(1 for _, came in marks if came)
        rows.append(
            {
                "mentor": mentor,
                "marks": marks,
                "attended": attended,
                "done": attended >= group.required_sessions,
            }
        )
    context = {
        "group": group,
        "sessions": sessions,
        "held": held,
        "rows": rows,
        "can_manage": request.user.has_perm("events.manage_training", group),
    }
    return render(request, "events/training_group_detail.html", context)


@login_required
def training_session_plan(request: HttpRequest, uuid) -> HttpResponse:
    """«Запланировать занятие»: an event of the kind «обучение наставников» inviting the group's
    mentors; the curator (and admin)."""
    group = _group(request, uuid, "events.manage_training")
    form = TrainingSessionForm(
        request.POST or None,
        initial={
            "title": f"Занятие группы «{group.title}»",
            # The curator planning it organizes it unless they choose another.
            "organizer": Person.objects.filter(
                organization=group.organization, user=request.user, kind=Person.Kind.STAFF
            )
            .values_list("pk", flat=True)
            .first(),
        },
        organization=group.organization,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.training_session_plan(group, actor=request.user, **form.action_arguments())
        if not refused:
            messages.success(request, "Занятие запланировано, наставники группы приглашены.")
            return redirect(group)
    return render(request, "events/training_session_form.html", {"form": form, "group": group})


@require_POST
@login_required
def training_group_complete(request: HttpRequest, uuid) -> HttpResponse:
    """«Завершить обучение»: the mentors present at enough sessions get the training recorded in
    their card; the curator (and admin)."""
    group = _group(request, uuid, "events.manage_training")
    with refusals(request):
        trained = actions.training_group_complete(group, actor=request.user)
        if trained:
            names = ", ".join(mentor.person.short_name for mentor in trained)
            messages.success(request, f"Обучение завершено. Обучение записано в карточки: {names}.")
        else:
            messages.warning(
                request,
                "Обучение завершено, но ни один наставник не посетил достаточно занятий: "
                "обучение никому не записано.",
            )
    return redirect(group)
