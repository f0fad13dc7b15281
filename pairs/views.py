"""Pairs and groups, matching, programmes, meetings and feedback."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring.lib import concurrency
from mentoring.lib.actions import ActionRefused, permits, refusals
from mentoring.lib.concurrency import STALE_FORM, EditConflict, submitted_version
from mentoring.lib.pdf import pdf_response, render_pdf
from mentoring.lib.queries import count_of
from mentoring.lib.scoping import get_visible_or_404
from mentoring.lib.text import sentence
from mentoring.lib.views import org_permission_required, paginate
from pairs import actions, matching
from pairs.exports import meetings_workbook, render_meetings_pdf
from pairs.forms import (
    CompleteForm,
    FeedbackForm,
    ItemProgressForm,
    MeetingForm,
    MeetingHoldForm,
    MeetingMoveForm,
    MeetingPlanForm,
    PairEditForm,
    PairForm,
    PlanItemFormSet,
    ProgramForm,
    SupportForm,
    TemplateChoiceForm,
    TerminateForm,
    plan_changes,
)
from pairs.models import (
    Meeting,
    Pair,
    PlanItem,
    Program,
    attach_names,
    child_attendee_for,
    meeting_order_warnings,
    show_own_children_only,
)
from people import actions as people_actions
from people import roles
from people.forms import scan_response
from people.models import Mentee, Person, represented_students


def _pair(request: HttpRequest, uuid, perm: str) -> Pair:
    """The pair if the user may see it (else 404) and holds `perm` on it (else 403)."""
    return get_visible_or_404(
        request, Pair.objects.for_list().select_related("organization"), perm, uuid=uuid
    )


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _errors(request: HttpRequest, exc: ActionRefused) -> None:
    if isinstance(exc, EditConflict):
        messages.error(request, f"{exc.message} Действие не выполнено: проверьте страницу и повторите.")
        return
    for message in exc.messages:
        messages.error(request, message)


def _page_version(request: HttpRequest) -> int:
    """The version of the record the page with the action buttons showed."""
    raw = request.POST.get("version", "")
    if not raw.isdigit():
        raise ActionRefused(STALE_FORM)
    return int(raw)


def _with_progress(pairs):
    # Correlated counts rather than joins: joining plan items and meetings multiplied the rows
    # (items × meetings per pair) and forced a GROUP BY into the page's count query too.
    items = PlanItem.objects.filter(program__pair=OuterRef("pk"))
    return pairs.annotate(
        items_total=count_of(items),
        items_done=count_of(items.filter(done_on__isnull=False)),
        meetings_count=count_of(Meeting.objects.held().filter(pair=OuterRef("pk"))),
    )


@org_permission_required("pairs.view_pair_list")
def pair_list(request: HttpRequest) -> HttpResponse:
    """All pairs and groups of the organization; curator, director, admin."""
    visible = Pair.objects.visible_in(request.user, request.organization)
    pairs = _with_progress(visible.for_table())
    pairs = pairs.order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status in Pair.Status.values:
        pairs = pairs.filter(status=status)
    counts = dict(visible.values_list("status").annotate(n=Count("id")))
    # The per-status counts already give the total: no second COUNT over the same rows.
    page = paginate(request, pairs, count=counts.get(status, 0) if status else sum(counts.values()))
    page.object_list = attach_names(list(page.object_list))
    statuses = [(value, label, counts.get(value, 0)) for value, label in Pair.Status.choices]
    return render(request, "pairs/pair_list.html", {"page": page, "status": status, "statuses": statuses})


@org_permission_required("pairs.view_my_pairs")
def my_pairs(request: HttpRequest) -> HttpResponse:
    """«Мои пары»: the pairs and groups where the user is a mentor or a mentee."""
    mine = Pair.objects.of_user(request.user) | Pair.objects.of_children(request.user)
    mine = mine.filter(organization=request.organization)
    pairs = list(_with_progress(mine.for_list()).order_by("status", "-created_at"))
    # As `_through_child`, with the staff check made once: every pair here is of this school.
    staff = request.user.has_perm("pairs.view_pair_list", request.organization)
    through_child = (
        [] if staff else [p for p in pairs if not (p.is_mentor(request.user) or p.is_mentee(request.user))]
    )
    if through_child:
        show_own_children_only(through_child, _represented_ids(request))
    people = Person.objects.filter(user=request.user, organization=request.organization).values("id")
    pending = Meeting.objects.pending_feedback_for(people).select_related("pair").order_by("-date")
    return render(request, "pairs/my_pairs.html", {"pairs": pairs, "pending": pending})


def _through_child(request: HttpRequest, pair: Pair) -> bool:
    """The user sees the pair as a parent of a mentee, not as staff or as its participant."""
    return not (
        request.user.has_perm("pairs.view_pair_list", pair.organization)
        or pair.is_mentor(request.user)
        or pair.is_mentee(request.user)
    )


def _represented_ids(request: HttpRequest) -> set[int]:
    """The people ids of the students the user represents (their children)."""
    return set(represented_students(request.user).values_list("id", flat=True))


def _other_children(request: HttpRequest, pair: Pair) -> set[int]:
    """For a parent: the people ids of the group's other children, whom they see only counted —
    not by name, feedback or category (ОВЗ, трудная жизненная ситуация are about health and
    family) (issue 19, DESIGN §1: a parent sees their child's pair). Names the pair's mentees so."""
    children = _represented_ids(request)
    show_own_children_only([pair], children)
    return {link.mentee.person_id for link in pair.pair_mentees.all()} - children


def _refuse_documents_naming_other_children(request: HttpRequest, pair: Pair) -> None:
    """The programme and the journal as documents name every child of a group: a parent gets
    them for their child's own pair only."""
    if _through_child(request, pair) and _other_children(request, pair):
        raise PermissionDenied


@login_required
def pair_detail(request: HttpRequest, uuid) -> HttpResponse:
    """A pair's card: participants, programme, meetings; staff readers and the pair's participants."""
    pair = _pair(request, uuid, "pairs.view_pair")
    meetings = list(pair.meetings.for_list())
    program = Program.objects.filter(pair=pair).prefetch_related("items").first()
    can_manage = request.user.has_perm("pairs.manage_pair", pair)
    can_log = request.user.has_perm("pairs.log_meeting", pair) and pair.status == Pair.Status.ACTIVE
    parent_view = _through_child(request, pair)
    hidden_people = _other_children(request, pair) if parent_view else set()
    context = {
        "pair": pair,
        "meetings": meetings,
        "next_meeting": next_planned(meetings),
        "warnings": meeting_order_warnings(meetings),
        **_meeting_offers(meetings, can_log),
        "program": program,
        "blockers": actions.completion_blockers(pair) if pair.status == Pair.Status.ACTIVE else [],
        "complete_form": CompleteForm(),
        "terminate_form": TerminateForm(),
        "template_form": TemplateChoiceForm(),
        "can_manage": can_manage,
        # The programme is started from a template only where the action would accept it.
        "can_start_program": can_manage and program is None and permits(actions.check_program_create, pair),
        "can_approve_program": request.user.has_perm("pairs.approve_program", pair),
        "can_see_consent": request.user.has_perm("pairs.view_mentor_consent", pair),
        "can_log": can_log,
        "can_progress": program is not None
        and request.user.has_perm("pairs.edit_progress", pair)
        and permits(actions.check_plan_progress, program, pair),
        "can_private": request.user.has_perm("pairs.view_private_notes", pair),
        "parent_view": parent_view,
        "hidden_people": hidden_people,
    }
    return render(request, "pairs/pair_detail.html", context)


@org_permission_required("pairs.manage_pairs")
def pair_create(request: HttpRequest) -> HttpResponse:
    """New pair or group from the bank; curator. Prefilled from ?mentee=…&mentor=… of matching."""
    org = request.organization
    initial = {"mentees": request.GET.getlist("mentee"), "mentors": request.GET.getlist("mentor")}
    form = PairForm(request.POST or None, request.FILES or None, organization=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pair = actions.pair_create(organization=org, actor=request.user, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Пара (группа) создана в статусе «проект». Составьте программу.")
            return redirect(pair)
    return render(request, "pairs/pair_form.html", {"form": form})


@require_POST
@login_required
def pair_activate(request: HttpRequest, uuid) -> HttpResponse:
    """проект → действует; curator."""
    pair = _pair(request, uuid, "pairs.manage_pair")
    try:
        actions.pair_activate(pair, version=_page_version(request), actor=request.user)
        messages.success(request, "Пара (группа) начала работу.")
    except ActionRefused as exc:
        _errors(request, exc)
    return redirect(pair)


@require_POST
@login_required
def pair_complete(request: HttpRequest, uuid) -> HttpResponse:
    """действует → завершена with an outcome assessment; curator."""
    pair = _pair(request, uuid, "pairs.manage_pair")
    form = CompleteForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused("Укажите оценку результата работы пары.")
        actions.pair_complete(pair, version=_page_version(request), actor=request.user, **form.cleaned_data)
        messages.success(request, "Работа пары (группы) завершена.")
    except ActionRefused as exc:
        _errors(request, exc)
    return redirect(pair)


@require_POST
@login_required
def pair_terminate(request: HttpRequest, uuid) -> HttpResponse:
    """проект | действует → прекращена with a reason; curator."""
    pair = _pair(request, uuid, "pairs.manage_pair")
    try:
        actions.pair_terminate(
            pair, reason=request.POST.get("reason", ""), version=_page_version(request), actor=request.user
        )
        messages.success(request, "Пара (группа) прекращена; наставляемые снова ожидают пары.")
    except ActionRefused as exc:
        _errors(request, exc)
    return redirect(pair)


@org_permission_required("pairs.view_pair_list")
def waiting_list(request: HttpRequest) -> HttpResponse:
    """Mentees waiting for a pair, days waited and their support log; curator, director, admin."""
    mentees = (
        Mentee.objects.visible_to(request.user)
        .filter(organization=request.organization, status__in=[Mentee.Status.WAITING, Mentee.Status.UNPAIRED])
        .select_related("person", "desired_form")
        .prefetch_related("support_actions", "requests")
        .order_by("waiting_since", "id")
    )
    page = paginate(request, mentees, per_page=30)
    today = timezone.localdate()
    rows = [(m, (today - m.waiting_since).days if m.waiting_since else None) for m in page.object_list]
    can_manage = request.user.has_perm("pairs.manage_pairs", request.organization)
    return render(
        request,
        "pairs/waiting_list.html",
        {"page": page, "rows": rows, "can_manage": can_manage, "support_form": SupportForm()},
    )


@require_POST
@org_permission_required("pairs.manage_pairs")
def support_add(request: HttpRequest, uuid) -> HttpResponse:
    """Record a support action for a mentee without a pair; curator."""
    mentee = get_visible_or_404(
        request, Mentee.objects.select_related("person"), "pairs.manage_pairs", uuid=uuid
    )
    form = SupportForm(request.POST)
    if form.is_valid():
        with refusals(request):
            people_actions.mentee_support_add(
                mentee, actor=request.user, on=form.cleaned_data["date"], text=form.cleaned_data["action"]
            )
            messages.success(request, sentence(f"Мера поддержки записана: {mentee.person.short_name}"))
    else:
        messages.error(request, "Укажите дату и что сделано.")
    return redirect("pairs:waiting_list")


@org_permission_required("pairs.manage_pairs")
def mentee_match(request: HttpRequest, uuid) -> HttpResponse:
    """Mentors ranked for one mentee with the score explained; curator."""
    mentees = Mentee.objects.select_related("person", "desired_form").prefetch_related("requests")
    mentee = get_visible_or_404(request, mentees, "pairs.manage_pairs", uuid=uuid)
    suggestions = matching.rank_mentors(mentee, list(matching.candidate_mentors(mentee.organization)))
    return render(request, "pairs/mentee_match.html", {"mentee": mentee, "suggestions": suggestions})


@org_permission_required("pairs.manage_pairs")
def proposal(request: HttpRequest) -> HttpResponse:
    """The optimal proposal for all waiting mentees; the curator edits and accepts it in one step."""
    org = request.organization
    mentees = list(matching.waiting_mentees(org))
    mentors = list(matching.candidate_mentors(org))
    if request.method == "POST":
        choices = {m.uuid.hex: request.POST.get(f"mentor-{m.uuid}", "") for m in mentees}
        try:
            created = actions.proposal_accept(
                org, mentees, mentors, choices, override=request.POST.get("override", ""), actor=request.user
            )
        except ActionRefused as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"Создано пар: {len(created)}. Они в статусе «проект».")
            return redirect("pairs:pair_list")
    plan = matching.propose(mentees, mentors)
    rows = [
        (mentee, chosen, options)
        for (mentee, chosen), options in zip(plan.assignments, plan.options, strict=True)
    ]
    return render(request, "pairs/proposal.html", {"plan": plan, "rows": rows})


@login_required
def program_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Edit the programme and its plan as a whole; curator. Without a programme, offers the templates."""
    pair = _pair(request, uuid, "pairs.manage_pair")
    program = Program.objects.filter(pair=pair).first()
    if program is None:
        with refusals(request) as refused:
            actions.check_program_create(pair)
        if refused:
            return redirect(pair)
        return render(request, "pairs/program_start.html", {"pair": pair, "form": TemplateChoiceForm()})
    form = ProgramForm(request.POST or None, instance=program)
    formset = PlanItemFormSet(request.POST or None, instance=program)
    conflict = None
    if request.method == "POST":
        valid = form.is_valid() & formset.is_valid()
        try:
            if concurrency.stale(program, submitted_version(form)):
                raise EditConflict(Program.objects.get(pk=program.pk), noun="Программу")
            if valid:
                actions.program_update(
                    program,
                    form=form,
                    formset=formset,
                    version=form.cleaned_data["version"],
                    actor=request.user,
                )
                messages.success(request, "Программа сохранена.")
                return redirect(pair)
        except EditConflict as exc:
            current = Program.objects.prefetch_related("items").get(pk=program.pk)
            conflict = exc.with_changes(
                concurrency.form_changes(form, current) + plan_changes(formset, list(current.items.all()))
            )
            form, formset = ProgramForm(instance=current), PlanItemFormSet(instance=current)
    context = {"pair": pair, "form": form, "formset": formset, "conflict": conflict}
    return render(request, "pairs/program_form.html", context)


@login_required
def pair_consent_scan(request: HttpRequest, uuid) -> FileResponse:
    """The scanned consent of the mentor to the extra duty; the administration and the mentor."""
    pair = _pair(request, uuid, "pairs.view_mentor_consent")
    if not pair.mentor_consent_scan:
        raise Http404("Скан-копия согласия не загружена")
    return scan_response(pair.mentor_consent_scan, "согласие наставника")


@login_required
def pair_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Change the conditions of an open pair (dates, form, the mentor's consent); curator."""
    pair = _pair(request, uuid, "pairs.manage_pair")
    if not pair.is_open:
        messages.error(request, "Условия завершённой или прекращённой пары не меняются.")
        return redirect(pair)
    form = PairEditForm(request.POST or None, request.FILES or None, instance=pair)
    conflict = None
    if request.method == "POST":
        try:
            if concurrency.stale(pair, submitted_version(form)):
                form.is_valid()
                raise EditConflict(Pair.objects.get(pk=pair.pk), noun="Пару")
            if form.is_valid():
                actions.pair_update(pair, form=form, version=form.cleaned_data["version"], actor=request.user)
                messages.success(request, "Условия пары (группы) сохранены.")
                return redirect(pair)
        except EditConflict as exc:
            current = Pair.objects.get(pk=pair.pk)
            conflict = exc.with_changes(concurrency.form_changes(form, current))
            form = PairEditForm(instance=current)
        except ActionRefused as exc:
            form.add_error(None, exc)
    return render(request, "pairs/pair_edit.html", {"pair": pair, "form": form, "conflict": conflict})


@require_POST
@login_required
def program_from_template(request: HttpRequest, uuid) -> HttpResponse:
    """Start the programme from a template; curator."""
    pair = _pair(request, uuid, "pairs.manage_pair")
    form = TemplateChoiceForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused("Выберите шаблон программы.")
        actions.program_create_from_template(pair, form.cleaned_data["template"], actor=request.user)
    except ActionRefused as exc:
        _errors(request, exc)
        return redirect(pair)
    messages.success(request, "Программа создана по шаблону — проверьте и уточните её.")
    return redirect("pairs:program_edit", uuid=pair.uuid)


@require_POST
@login_required
def program_submit(request: HttpRequest, uuid) -> HttpResponse:
    """Send the programme for the director's approval; curator."""
    pair = _pair(request, uuid, "pairs.manage_pair")
    program = get_object_or_404(Program, pair=pair)
    try:
        actions.program_submit(program, version=_page_version(request), actor=request.user)
        messages.success(request, "Программа отправлена руководителю на утверждение.")
    except ActionRefused as exc:
        _errors(request, exc)
    return redirect(pair)


@require_POST
@login_required
def program_approve(request: HttpRequest, uuid) -> HttpResponse:
    """Approve the programme sent for approval; director."""
    pair = _pair(request, uuid, "pairs.approve_program")
    program = get_object_or_404(Program, pair=pair)
    try:
        actions.program_approve(program, version=_page_version(request), actor=request.user)
        messages.success(request, "Программа утверждена.")
    except ActionRefused as exc:
        _errors(request, exc)
    return redirect(pair)


@require_POST
@login_required
def program_return(request: HttpRequest, uuid) -> HttpResponse:
    """Return the programme to the curator with a comment; director."""
    pair = _pair(request, uuid, "pairs.approve_program")
    program = get_object_or_404(Program, pair=pair)
    try:
        actions.program_return(
            program,
            version=_page_version(request),
            comment=request.POST.get("comment", ""),
            actor=request.user,
        )
        messages.success(request, "Программа возвращена куратору на доработку.")
    except ActionRefused as exc:
        _errors(request, exc)
    return redirect(pair)


@login_required
def program_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """The programme as a PDF document; whoever may see the pair."""
    pair = _pair(request, uuid, "pairs.view_pair")
    _refuse_documents_naming_other_children(request, pair)
    program = get_object_or_404(Program.objects.prefetch_related("items"), pair=pair)
    org = pair.organization
    # The curator signs under the programme by their name on their card, never by their login.
    curator = (
        Person.objects.filter(
            organization=org, user__memberships__organization=org, user__memberships__role=roles.CURATOR
        )
        .order_by("last_name", "id")
        .first()
    )
    context = {
        "pair": pair,
        "program": program,
        "org": org,
        "curator_name": curator.signature_name if curator else "",
    }
    content = render_pdf("documents/program.html", context)
    return pdf_response(content, f"Программа наставничества {timezone.localdate():%d.%m.%Y}.pdf")


@require_POST
@login_required
def item_progress(request: HttpRequest, uuid, item_id: int) -> HttpResponse:
    """Tick a plan item done (with evidence) or undo; the pair's mentor or the curator. htmx row."""
    pair = _pair(request, uuid, "pairs.edit_progress")
    item = get_object_or_404(PlanItem, pk=item_id, program__pair=pair)
    form = ItemProgressForm(request.POST)
    error = None
    if form.is_valid():
        try:
            item = actions.plan_item_mark(item, actor=request.user, **form.cleaned_data)
        except ActionRefused as exc:
            error = " ".join(exc.messages)
    can_progress = permits(actions.check_plan_progress, item.program, pair)
    context = {"pair": pair, "item": item, "can_progress": can_progress, "error": error}
    if _is_htmx(request):
        return render(request, "pairs/_plan_item_row.html", context)
    if error:
        messages.error(request, error)
    return redirect(pair)


def _meeting_offers(meetings: list[Meeting], can_log: bool) -> dict[str, set[int]]:
    """The meetings whose «Проведена» and «Не состоялась» buttons are shown: those the actions
    would accept now (a future meeting gets them on its date)."""
    if not can_log:
        return {"can_hold": set(), "can_miss": set()}
    return {
        "can_hold": {m.pk for m in meetings if permits(actions.check_meeting_hold, m)},
        "can_miss": {m.pk for m in meetings if permits(actions.check_meeting_miss, m)},
    }


def next_planned(meetings: list[Meeting]) -> Meeting | None:
    """The nearest planned meeting from today on, among the pair's loaded meetings."""
    today = timezone.localdate()
    upcoming = [m for m in meetings if m.is_planned and m.date >= today]
    return min(upcoming, key=lambda m: (m.date, m.time or datetime.min.time(), m.pk), default=None)


def _meeting_context(pair: Pair, saved: Meeting) -> dict:
    meetings = list(pair.meetings.for_list())
    warnings = meeting_order_warnings(meetings)
    return {
        "pair": pair,
        "meetings": meetings,
        "warnings": warnings,
        "saved": saved,
        "warning": warnings.get(saved.pk),
        "held_count": sum(m.is_held for m in meetings),
        "next_meeting": next_planned(meetings),
        "can_log": True,
        **_meeting_offers(meetings, True),
        # Who logs meetings (the mentor, the curator) sees every participant.
        "hidden_people": set(),
    }


def _meeting_form_view(request: HttpRequest, uuid, form_class, act, done: str) -> HttpResponse:
    pair = _pair(request, uuid, "pairs.log_meeting")
    form = form_class(request.POST or None, pair=pair)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attendees"}
        with refusals(request, form) as refused:
            meeting = act(pair, data=data, attendees=form.cleaned_data["attendees"], actor=request.user)
        if not refused:
            if _is_htmx(request):
                return render(request, "pairs/_meeting_saved.html", _meeting_context(pair, meeting))
            messages.success(request, done)
            return redirect(pair)
    planning = form_class is MeetingPlanForm
    context = {"pair": pair, "form": form, "planning": planning}
    template = "pairs/_meeting_dialog.html" if _is_htmx(request) else "pairs/meeting_form.html"
    return render(request, template, context)


@login_required
def meeting_new(request: HttpRequest, uuid) -> HttpResponse:
    """The «записать встречу» dialog (htmx) for a meeting that took place; the pair's mentor or the curator."""
    return _meeting_form_view(request, uuid, MeetingForm, actions.meeting_log, "Встреча записана.")


@login_required
def meeting_plan(request: HttpRequest, uuid) -> HttpResponse:
    """The «запланировать встречу» dialog (htmx) and page; the pair's mentor or the curator."""
    return _meeting_form_view(request, uuid, MeetingPlanForm, actions.meeting_plan, "Встреча запланирована.")


def _meeting(request: HttpRequest, uuid) -> Meeting:
    """A meeting the user may see (else 404) and may manage: the pair's mentor or the curator (else 403)."""
    meetings = Meeting.objects.select_related("pair").prefetch_related(
        "attendees", "pair__pair_mentors__mentor__person", "pair__pair_mentees__mentee__person"
    )
    return get_visible_or_404(request, meetings, "pairs.log_meeting", uuid=uuid)


@login_required
def meeting_hold(request: HttpRequest, uuid) -> HttpResponse:
    """Mark a planned meeting held with its notes; the pair's mentor or the curator."""
    meeting = _meeting(request, uuid)
    with refusals(request) as refused:
        actions.check_meeting_hold(meeting)
    if refused:
        return redirect(meeting.pair)
    form = MeetingHoldForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.meeting_hold(meeting, actor=request.user, **form.cleaned_data)
            messages.success(request, "Встреча отмечена проведённой.")
        if not refused:
            return redirect(meeting.pair)
    context = {"meeting": meeting, "pair": meeting.pair, "form": form, "title": "Встреча проведена"}
    return render(request, "pairs/meeting_change.html", context)


@login_required
def meeting_move(request: HttpRequest, uuid) -> HttpResponse:
    """Move a planned meeting to another date and time; the pair's mentor or the curator."""
    meeting = _meeting(request, uuid)
    form = MeetingMoveForm(request.POST or None, initial={"date": meeting.date, "time": meeting.time})
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as refused:
            actions.meeting_move(meeting, actor=request.user, **form.cleaned_data)
            messages.success(request, "Встреча перенесена.")
        if not refused:
            return redirect(meeting.pair)
    context = {"meeting": meeting, "pair": meeting.pair, "form": form, "title": "Перенести встречу"}
    return render(request, "pairs/meeting_change.html", context)


@require_POST
@login_required
def meeting_cancel(request: HttpRequest, uuid) -> HttpResponse:
    """Cancel a planned meeting; the pair's mentor or the curator."""
    meeting = _meeting(request, uuid)
    with refusals(request):
        actions.meeting_cancel(meeting, actor=request.user)
        messages.success(request, "Встреча отменена.")
    return redirect(meeting.pair)


@require_POST
@login_required
def meeting_miss(request: HttpRequest, uuid) -> HttpResponse:
    """Record that a planned meeting did not take place; the pair's mentor or the curator."""
    meeting = _meeting(request, uuid)
    with refusals(request):
        actions.meeting_miss(meeting, actor=request.user)
        messages.success(request, "Отмечено: встреча не состоялась.")
    return redirect(meeting.pair)


@login_required
def feedback_new(request: HttpRequest, uuid) -> HttpResponse:
    """The feedback form after a meeting; each attendee fills their own."""
    meetings = Meeting.objects.select_related("pair").prefetch_related("attendees")
    meeting = get_visible_or_404(request, meetings, "pairs.give_feedback", uuid=uuid)
    person = next((p for p in meeting.attendees.all() if p.user_id == request.user.pk), None)
    # A parent answers for a child under 14 (законный представитель, issue 19).
    person = person or child_attendee_for(request.user, meeting)
    done = meeting.feedbacks.filter(person=person).first()
    form = FeedbackForm(request.POST or None, instance=done)
    if request.method == "POST" and done is None and form.is_valid():
        try:
            actions.feedback_give(meeting, person=person, data=form.cleaned_data, actor=request.user)
        except ActionRefused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Спасибо! Обратная связь сохранена.")
            return redirect("pairs:my_pairs")
    return render(request, "pairs/feedback_form.html", {"meeting": meeting, "form": form, "done": done})


@login_required
def meetings_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """The pair's meeting journal as PDF; whoever may see the pair."""
    pair = _pair(request, uuid, "pairs.view_pair")
    _refuse_documents_naming_other_children(request, pair)
    content = render_meetings_pdf(pair, list(pair.meetings.held().for_list()))
    return pdf_response(content, f"Журнал встреч {timezone.localdate():%d.%m.%Y}.pdf")


@login_required
def meetings_xlsx(request: HttpRequest, uuid) -> HttpResponse:
    """The pair's meeting journal as Excel; whoever may see the pair."""
    pair = _pair(request, uuid, "pairs.view_pair")
    _refuse_documents_naming_other_children(request, pair)
    return meetings_workbook(pair, with_private=request.user.has_perm("pairs.view_private_notes", pair))
