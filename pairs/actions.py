"""Workflows of pairs and groups: create, activate, complete, terminate; programmes and meetings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.db import models
from django.db.models import Count
from django.utils import timezone

from mentoring.lib import academic_year as years
from mentoring.lib import concurrency
from mentoring.lib.actions import ActionRefused, action
from mentoring.lib.declension import Case
from mentoring.lib.grammar import plural, predicate
from mentoring.lib.text import sentence
from notifications import notify, users_of
from notifications.models import Kind
from pairs.models import Feedback, Meeting, Pair, PairMentee, PairMentor, PlanItem, Program
from pairs.program_templates import TEMPLATES
from people.models import BankStatusChange, Consent, Mentee, Mentor, MentoringForm, MentoringType
from people.roles import CURATOR, DIRECTOR

OPEN_STATUSES = [Pair.Status.PROJECT, Pair.Status.ACTIVE]


def mentor_loads(mentor_ids) -> dict[int, int]:
    """How many mentees each mentor already has in open pairs and groups."""
    rows = (
        PairMentor.objects.filter(mentor_id__in=mentor_ids, pair__status__in=OPEN_STATUSES)
        .values("mentor_id")
        .annotate(n=Count("pair__pair_mentees"))
    )
    return {row["mentor_id"]: row["n"] for row in rows}


def _check_consents(people, on: date) -> None:
    valid = set(
        Consent.objects.processing().valid(on).filter(person__in=people).values_list("person_id", flat=True)
    )
    missing = [p for p in people if p.pk not in valid]
    if missing:
        names = ", ".join(p.short_name for p in missing)
        raise ActionRefused(
            f"Нет действующего согласия на обработку персональных данных: {names}. "
            "Без согласия участника нельзя включить в пару или группу."
        )


def _set_mentee_status(mentees, status: str, actor, comment: str) -> None:
    today = timezone.localdate()
    for mentee in mentees:
        if mentee.status == status:
            continue
        BankStatusChange.objects.create(
            mentee=mentee, old_status=mentee.status, new_status=status, comment=comment, changed_by=actor
        )
        mentee.status = status
        mentee.status_changed_at = timezone.now()
        mentee.waiting_since = today if status == Mentee.Status.WAITING else mentee.waiting_since
        mentee.save(update_fields=["status", "status_changed_at", "waiting_since"])


@action
def pair_create(
    *,
    organization,
    form: MentoringForm,
    type: MentoringType,
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    planned_start: date,
    planned_end: date,
    mentor_consent_on: date | None = None,
    mentor_consent_scan=None,
    capacity_override_reason: str = "",
    actor,
) -> Pair:
    """A pair (one mentee) or group (several) in status «проект»; the mentees are «в паре»."""
    mentors, mentees = list(mentors), list(mentees)
    if not mentors or not mentees:
        raise ActionRefused("В паре или группе должны быть хотя бы один наставник и один наставляемый.")
    if any(m.organization_id != organization.pk for m in [*mentors, *mentees]):
        raise ActionRefused("Все участники должны быть из этой организации.")
    if planned_end < planned_start:
        raise ActionRefused("Плановое окончание раньше планового начала.")
    if len(mentees) > 1 and not type.is_group and len(mentees) > len(mentors):
        raise ActionRefused(
            f"Вид «{type}» — не групповой: для нескольких наставляемых выберите групповой вид."
        )
    today = timezone.localdate()
    _check_consents([m.person for m in [*mentors, *mentees]], today)
    busy = list(
        PairMentee.objects.filter(mentee__in=mentees, pair__status__in=OPEN_STATUSES).select_related(
            "mentee__person"
        )
    )
    if busy:
        names = ", ".join(link.mentee.person.short_name for link in busy)
        raise ActionRefused(f"Уже состоят в действующей паре или группе: {names}.")
    inactive = [m for m in mentors if m.status == Mentor.Status.INACTIVE]
    if inactive:
        raise ActionRefused(
            sentence(f"Наставник не активен: {', '.join(m.person.short_name for m in inactive)}")
        )
    loads = mentor_loads([m.pk for m in mentors])
    over = [m for m in mentors if loads.get(m.pk, 0) + len(mentees) > m.capacity]
    reason = capacity_override_reason.strip()
    if over and not reason:
        details = "; ".join(f"{m.person.short_name}: уже {loads.get(m.pk, 0)} из {m.capacity}" for m in over)
        raise ActionRefused(
            f"Превышена допустимая нагрузка наставника ({details}). "
            "Чтобы всё же закрепить, укажите обоснование превышения нагрузки."
        )
    pair = Pair.objects.create(
        organization=organization,
        form=form,
        type=type,
        planned_start=planned_start,
        planned_end=planned_end,
        mentor_consent_on=mentor_consent_on,
        mentor_consent_scan=mentor_consent_scan or "",
        created_by=actor,
    )
    PairMentor.objects.bulk_create(
        [
            PairMentor(pair=pair, mentor=m, capacity_override_reason=reason if m in over else "")
            for m in mentors
        ]
    )
    PairMentee.objects.bulk_create([PairMentee(pair=pair, mentee=m) for m in mentees])
    _set_mentee_status(mentees, Mentee.Status.PAIRED, actor, "Включён в пару (группу)")
    return pair


def _require_status(pair: Pair, *statuses: str) -> None:
    if pair.status not in statuses:
        allowed = ", ".join(f"«{Pair.Status(s).label}»" for s in statuses)
        raise ActionRefused(
            f"Действие возможно только для пары в статусе {allowed}; сейчас «{pair.get_status_display()}»."
        )


@action
def pair_activate(pair: Pair, *, started_on: date | None = None, version: int | None = None, actor) -> Pair:
    """проект → действует: consents still valid and the mentor's written consent recorded.

    `version`: the one the page was opened at (the pair's transitions refuse a stale page)."""
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    concurrency.check(pair, version, noun="Пару")
    _require_status(pair, Pair.Status.PROJECT)
    if not pair.mentor_consent_on:
        raise ActionRefused(
            "Не указана дата письменного согласия наставника на выполнение дополнительной работы."
        )
    people = [link.mentor.person for link in pair.pair_mentors.select_related("mentor__person")] + [
        link.mentee.person for link in pair.pair_mentees.select_related("mentee__person")
    ]
    _check_consents(people, timezone.localdate())
    pair.status = Pair.Status.ACTIVE
    pair.started_on = started_on or timezone.localdate()
    pair.save(update_fields=["status", "started_on"])
    notify(
        users_of(people),
        kind=Kind.PAIR_ACTIVATED,
        key=f"pair-activated:{pair.uuid}",
        title="Наставническая пара начала работу"
        if len(people) == 2
        else "Наставническая группа начала работу",
        text=sentence(
            f"С {pair.started_on:%d.%m.%Y} действует ваша {'пара' if len(people) == 2 else 'группа'}: "
            + ", ".join(p.short_name for p in people)
        ),
        link=pair.get_absolute_url(),
    )
    return pair


def completion_blockers(pair: Pair) -> list[str]:
    """Why the pair cannot be completed yet (empty when it can)."""
    blockers = []
    final = pair.meetings.held().filter(kind=Meeting.Kind.FINAL).order_by("-date", "-id").first()
    if final is None:
        blockers.append("Не проведена заключительная встреча.")
    else:
        attendees = set(final.attendees.values_list("id", flat=True))
        answered = set(final.feedbacks.values_list("person_id", flat=True))
        if not answered:
            blockers.append("Нет обратной связи по заключительной встрече.")
        elif attendees - answered:
            blockers.append(
                f"Обратную связь по заключительной встрече {predicate(len(answered & attendees), 'дали', 'участник')} "
                f"{len(answered & attendees)} из {plural(len(attendees), 'участник', Case.GENITIVE)}."
            )
    return blockers


@action
def pair_complete(
    pair: Pair, *, outcome: str, outcome_text: str = "", version: int | None = None, actor
) -> Pair:
    """действует → завершена, after the final meeting and its feedback; mentees «завершил»."""
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    concurrency.check(pair, version, noun="Пару")
    _require_status(pair, Pair.Status.ACTIVE)
    if outcome not in Pair.Outcome.values:
        raise ActionRefused("Укажите оценку результата работы пары.")
    blockers = completion_blockers(pair)
    if blockers:
        raise ActionRefused(" ".join(blockers))
    pair.status = Pair.Status.COMPLETED
    pair.ended_on = timezone.localdate()
    pair.outcome, pair.outcome_text = outcome, outcome_text.strip()
    pair.save(update_fields=["status", "ended_on", "outcome", "outcome_text"])
    _set_mentee_status(
        list(pair.mentees.all()), Mentee.Status.COMPLETED, actor, "Программа наставничества завершена"
    )
    return pair


@action
def pair_terminate(pair: Pair, *, reason: str, version: int | None = None, actor) -> Pair:
    """проект | действует → прекращена with a reason; mentees go back to waiting for a pair."""
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    concurrency.check(pair, version, noun="Пару")
    _require_status(pair, *OPEN_STATUSES)
    if not reason.strip():
        raise ActionRefused("Укажите причину прекращения.")
    pair.status = Pair.Status.TERMINATED
    pair.ended_on = timezone.localdate()
    pair.end_reason = reason.strip()
    pair.save(update_fields=["status", "ended_on", "end_reason"])
    _set_mentee_status(
        list(pair.mentees.all()), Mentee.Status.WAITING, actor, f"Пара прекращена: {pair.end_reason}"
    )
    return pair


def check_program_create(pair: Pair) -> None:
    """A programme is written for an open pair that has none: a completed or terminated pair's work
    is over, a new pair for the same people is created from the bank."""
    if not pair.is_open:
        raise ActionRefused(
            f"Пара (группа) {pair.get_status_display()}: программу для неё уже не составляют."
        )
    if Program.objects.filter(pair=pair).exists():
        raise ActionRefused("У пары уже есть программа.")


@action
def program_create_from_template(pair: Pair, template_key: str, *, actor) -> Program:
    """A draft programme filled from a template, deadlines spread over the pair's planned period."""
    check_program_create(pair)
    template = TEMPLATES.get(template_key)
    if template is None:
        raise ActionRefused("Нет такого шаблона программы.")
    # A group's mentees often share a request: each is named once, in the order first met.
    requests = ", ".join(
        dict.fromkeys(
            c.name
            for link in pair.pair_mentees.select_related("mentee").order_by("pk")
            for c in link.mentee.requests.order_by("name")
        )
    )
    program = Program.objects.create(
        pair=pair,
        kind=template.kind,
        deficits=requests or template.deficits,
        goals=template.goals,
        tasks=template.tasks,
        period_start=pair.planned_start,
        period_end=pair.planned_end,
    )
    span = (pair.planned_end - pair.planned_start).days
    n = len(template.items)
    PlanItem.objects.bulk_create(
        [
            PlanItem(
                program=program,
                position=i + 1,
                content=item.content,
                deadline=pair.planned_start + timedelta(days=span * (i + 1) // n),
                expected_result=item.expected_result,
                reporting_form=item.reporting_form,
            )
            for i, item in enumerate(template.items)
        ]
    )
    return program


@action
def pair_update(pair: Pair, *, form, version: int | None, actor) -> Pair:
    """Save the conditions of an open pair (`PairEditForm`), unless someone changed the pair since
    the form was opened: then `EditConflict` and nothing is written."""
    with concurrency.editing(pair, version, noun="Пару") as current:
        _require_status(current, *OPEN_STATUSES)
        pair = form.save()
    return pair


@action
def program_update(program: Program, *, form, formset, version: int | None, actor) -> Program:
    """Save the programme and its plan as a whole (`ProgramForm` and `PlanItemFormSet`), unless
    someone changed it since the form was opened: then `EditConflict` and nothing is written."""
    with concurrency.editing(program, version, noun="Программу"):
        program = form.save()
        formset.save()
    return program


def _locked_program(program: Program, version: int | None) -> Program:
    program = Program.objects.select_for_update().select_related("pair__organization").get(pk=program.pk)
    concurrency.check(program, version, noun="Программу")
    return program


def _require_director(program: Program, actor) -> None:
    from people.access import organizations_with_role

    if program.pair.organization_id not in organizations_with_role(actor, DIRECTOR):
        raise ActionRefused(
            "Программу утверждает руководитель организации. Куратор отправляет её на утверждение."
        )


def _program_notify(program: Program, role: str, *, kind: str, event: str, title: str, text: str) -> None:
    """Notify the holders of `role` in the programme's organization, in this transaction; `event`
    with the time of the submission tells this submission (or decision) from an earlier one."""
    from people.models import User

    notify(
        User.objects.filter(memberships__organization_id=program.pair.organization_id, memberships__role=role)
        .values_list("pk", flat=True)
        .distinct(),
        kind=kind,
        key=f"program-{event}:{program.pair.uuid}:{program.submitted_at.isoformat()}",
        title=title,
        text=text,
        link=program.pair.get_absolute_url(),
    )


@action
def program_submit(program: Program, *, version: int | None = None, actor) -> Program:
    """The curator sends the programme, as the page showed it, for the director's approval."""
    program = _locked_program(program, version)
    if program.status != Program.Status.DRAFT:
        raise ActionRefused("На утверждение можно отправить только черновик программы.")
    if not program.items.exists():
        raise ActionRefused("В программе нет ни одного пункта плана — утверждать нечего.")
    program.status = Program.Status.REVIEW
    program.submitted_at = timezone.now()
    program.save(update_fields=["status", "submitted_at"])
    pair = Pair.objects.for_list().get(pk=program.pair_id)
    _program_notify(
        program,
        DIRECTOR,
        kind=Kind.PROGRAM_REVIEW,
        event="review",
        title=f"Программа наставничества ждёт утверждения: {pair}",
        text=f"Куратор отправил на утверждение {program.get_kind_display()} ({pair}). "
        "Утвердите её или верните куратору с замечаниями на странице пары.",
    )
    return program


@action
def program_approve(program: Program, *, version: int | None = None, actor) -> Program:
    """The director approves the programme as the page showed it: a page opened before a change is
    refused. The stamp names the director as their card in the organization does (И.О. Фамилия)."""
    from people.models import Person

    program = _locked_program(program, version)
    _require_director(program, actor)
    if program.status != Program.Status.REVIEW:
        raise ActionRefused("Утвердить можно только программу, отправленную на утверждение.")
    organization = program.pair.organization
    card = Person.objects.filter(organization=organization, user=actor).first()
    program.status = Program.Status.APPROVED
    program.approved_on = timezone.localdate()
    program.approved_by = actor
    program.approver_position = organization.director_position
    program.approver_name = card.signature_name if card else organization.director_signature_name
    program.order_number, program.order_date = "", None
    program.return_comment = ""
    program.save()
    _program_notify(
        program,
        CURATOR,
        kind=Kind.PROGRAM_DECISION,
        event="approved",
        title="Программа наставничества утверждена",
        text=f"Руководитель утвердил {program.get_kind_display()} {program.approved_on:%d.%m.%Y}.",
    )
    return program


@action
def program_return(program: Program, *, version: int | None = None, actor, comment: str) -> Program:
    """The director returns the programme to the curator with what to correct."""
    program = _locked_program(program, version)
    _require_director(program, actor)
    if program.status != Program.Status.REVIEW:
        raise ActionRefused("Вернуть на доработку можно только программу, отправленную на утверждение.")
    if not comment.strip():
        raise ActionRefused("Напишите, что нужно исправить в программе.")
    program.status = Program.Status.DRAFT
    program.return_comment = comment.strip()
    program.save(update_fields=["status", "return_comment"])
    _program_notify(
        program,
        CURATOR,
        kind=Kind.PROGRAM_DECISION,
        event="returned",
        title="Программа наставничества возвращена на доработку",
        text=f"Руководитель вернул программу с замечаниями:\n\n{program.return_comment}",
    )
    return program


@action
def program_approve_by_order(program: Program, *, order_number: str, order_date: date, actor) -> Program:
    """A signed order «Об утверждении персонализированных программ …» approves the programme: the
    stamp then cites the order. A programme already approved is refused (it is approved once)."""
    program = _locked_program(program, None)
    if program.status == Program.Status.APPROVED:
        raise ActionRefused("Программа уже утверждена — второй раз её не утверждают.")
    if not program.items.exists():
        raise ActionRefused("В программе нет ни одного пункта плана — утверждать нечего.")
    program.status = Program.Status.APPROVED
    program.approved_on = order_date
    program.approved_by = actor
    program.approver_position, program.approver_name = "", ""
    program.order_number, program.order_date = order_number, order_date
    program.return_comment = ""
    program.save()
    return program


def check_plan_progress(program: Program, pair: Pair) -> None:
    """Items are ticked in an approved programme of a pair at work: a draft or a programme on the
    director's desk may still change, and a finished pair's record is closed."""
    if program.status != Program.Status.APPROVED:
        raise ActionRefused(
            f"Программа ещё не утверждена (сейчас «{program.get_status_display()}»): "
            "отметки о выполнении ставятся только в утверждённой программе."
        )
    if pair.status != Pair.Status.ACTIVE:
        raise ActionRefused(
            f"Пара (группа) в статусе «{pair.get_status_display()}»: отметки о выполнении "
            "ставятся, пока она действует."
        )


@action
def plan_item_mark(item: PlanItem, *, done: bool, evidence: str = "", actor) -> PlanItem:
    """Tick a plan item done with its evidence, or take the tick off."""
    item = PlanItem.objects.select_for_update().select_related("program__pair").get(pk=item.pk)
    check_plan_progress(item.program, item.program.pair)
    if done and not evidence.strip() and not item.evidence:
        raise ActionRefused("Укажите подтверждение выполнения (документ, ссылка, продукт).")
    item.done_on = (item.done_on or timezone.localdate()) if done else None
    if evidence.strip():
        item.evidence = evidence.strip()
    item.save(update_fields=["done_on", "evidence"])
    return item


HELD_TOO_EARLY = "Встречу нельзя отметить проведённой до её даты."


def _check_attendees(pair: Pair, attendees) -> list:
    allowed = {p.pk for p in pair.participant_people()}
    attendees = list(attendees)
    if not attendees:
        raise ActionRefused("Отметьте, кто присутствовал.")
    if any(p.pk not in allowed for p in attendees):
        raise ActionRefused("Присутствовать могут только участники этой пары или группы.")
    return attendees


def check_meeting_hold(meeting: Meeting) -> None:
    """A planned meeting of a pair at work is marked held from its date on, never in advance."""
    _check_planned(meeting, "отметить её проведённой")
    _check_active(meeting.pair)
    if meeting.date > timezone.localdate():
        raise ActionRefused(HELD_TOO_EARLY)


def check_meeting_miss(meeting: Meeting) -> None:
    """«Не состоялась» is said of a planned meeting from its date on; in advance it is cancelled."""
    _check_planned(meeting, "отметить, что она не состоялась,")
    if meeting.date > timezone.localdate():
        raise ActionRefused("Отметить, что встреча не состоялась, можно с её даты; заранее — отмените её.")


def _check_planned(meeting: Meeting, what: str) -> None:
    if meeting.status != Meeting.Status.PLANNED:
        raise ActionRefused(f"Встреча уже {meeting.get_status_display()}: {what} нельзя.")


def _check_active(pair: Pair) -> None:
    if pair.status != Pair.Status.ACTIVE:
        raise ActionRefused("Встречи записываются только для действующей пары или группы.")


def _locked_planned(meeting: Meeting, what: str) -> Meeting:
    """The meeting's row locked for the change, refused unless it is still planned: two people
    acting on the same meeting at once cannot, say, hold a meeting the other has just cancelled."""
    locked = Meeting.objects.select_for_update().select_related("pair").get(pk=meeting.pk)
    _check_planned(locked, what)
    return locked


def _meeting_when(meeting: Meeting) -> str:
    when = f"{meeting.date:%d.%m.%Y}"
    if meeting.time:
        when += f" в {meeting.time:%H:%M}"
    return when


def _notify_attendees(meeting: Meeting, event: str, title: str, actor) -> None:
    """Tell the attendees with an account, except whoever made the change, what happened."""
    where = meeting.place or ("видеовстреча" if meeting.video_link else "")
    notify(
        [uid for uid in users_of(meeting.attendees.all()) if actor is None or uid != actor.pk],
        kind=Kind.MEETING,
        key=f"meeting-{event}:{meeting.uuid}",
        title=f"{title}: {_meeting_when(meeting)}",
        text=f"«{meeting.topic}»" + (f", {where}" if where else "") + ".",
        link=meeting.pair.get_absolute_url(),
    )


@action
def meeting_log(pair: Pair, *, data: dict, attendees, actor) -> Meeting:
    """Record a meeting that has already taken place."""
    _check_active(pair)
    attendees = _check_attendees(pair, attendees)
    if data["date"] > timezone.localdate():
        raise ActionRefused(HELD_TOO_EARLY + " Чтобы назначить будущую встречу, запланируйте её.")
    data = {**data, "status": Meeting.Status.HELD}
    meeting = Meeting.objects.create(pair=pair, created_by=actor, **data)
    meeting.attendees.set(attendees)
    return meeting


@action
def meeting_plan(pair: Pair, *, data: dict, attendees, actor) -> Meeting:
    """Schedule a meeting: date, time, place or video link, agenda; the attendees are invited."""
    _check_active(pair)
    attendees = _check_attendees(pair, attendees)
    if data["date"] < timezone.localdate():
        raise ActionRefused("Дата встречи уже прошла: прошедшую встречу записывают как проведённую.")
    if not (data.get("place", "").strip() or data.get("video_link", "").strip()):
        raise ActionRefused("Укажите место встречи или ссылку на видеовстречу.")
    data = {**data, "status": Meeting.Status.PLANNED}
    meeting = Meeting.objects.create(pair=pair, created_by=actor, **data)
    meeting.attendees.set(attendees)
    _notify_attendees(meeting, "planned", "Назначена встреча", actor)
    return meeting


@action
def meeting_hold(meeting: Meeting, *, summary: str, next_steps: str = "", attendees, actor) -> Meeting:
    """Mark a planned meeting held, with its notes and who actually came."""
    meeting = _locked_planned(meeting, "отметить её проведённой")
    check_meeting_hold(meeting)
    attendees = _check_attendees(meeting.pair, attendees)
    meeting.status = Meeting.Status.HELD
    meeting.summary = summary.strip()
    meeting.next_steps = next_steps.strip()
    meeting.save(update_fields=["status", "summary", "next_steps"])
    meeting.attendees.set(attendees)
    return meeting


@action
def meeting_cancel(meeting: Meeting, *, actor) -> Meeting:
    """Call a planned meeting off in advance."""
    meeting = _locked_planned(meeting, "отменить её")
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    _notify_attendees(meeting, "cancelled", "Встреча отменена", actor)
    return meeting


@action
def meeting_miss(meeting: Meeting, *, actor) -> Meeting:
    """Record that a planned meeting did not take place."""
    meeting = _locked_planned(meeting, "отметить, что она не состоялась,")
    check_meeting_miss(meeting)
    meeting.status = Meeting.Status.MISSED
    meeting.save(update_fields=["status"])
    return meeting


@action
def meeting_move(meeting: Meeting, *, date: date, time, actor) -> Meeting:
    """Move a planned meeting to another day or hour; the history keeps where it was."""
    meeting = _locked_planned(meeting, "перенести её")
    _check_active(meeting.pair)
    if date < timezone.localdate():
        raise ActionRefused("Перенести встречу можно только на сегодня или на будущий день.")
    if (date, time) == (meeting.date, meeting.time):
        raise ActionRefused("Новые дата и время совпадают с прежними.")
    meeting.date, meeting.time = date, time
    meeting.save(update_fields=["date", "time"])
    _notify_attendees(meeting, f"moved:{date:%Y-%m-%d}T{time or ''}", "Встреча перенесена", actor)
    return meeting


@action
def feedback_give(meeting: Meeting, *, person, data: dict, actor) -> Feedback:
    if meeting.status != Meeting.Status.HELD:
        raise ActionRefused("Обратную связь оставляют после проведённой встречи.")
    if not meeting.attendees.filter(pk=person.pk).exists():
        raise ActionRefused("Обратную связь оставляют участники встречи.")
    if Feedback.objects.filter(meeting=meeting, person=person).exists():
        raise ActionRefused("Вы уже оставили обратную связь по этой встрече.")
    return Feedback.objects.create(meeting=meeting, person=person, **data)


def default_form_for(mentee: Mentee, mentor: Mentor) -> MentoringForm:
    if mentee.desired_form_id:
        return mentee.desired_form
    form = MentoringForm.objects.filter(
        is_active=True, mentor_kind=mentor.person.kind, mentee_kind=mentee.person.kind
    ).first()
    if form is None:
        raise ActionRefused(sentence(f"Нет подходящей формы наставничества для {mentee.person.short_name}"))
    return form


@action
def proposal_accept(
    organization, mentees, mentors, choices: dict[str, str], *, override: str = "", actor
) -> list[Pair]:
    """Create one pair per mentee the curator kept in the proposal; all or nothing.

    `choices` maps a mentee's uuid (hex) to the chosen mentor's uuid, or "" to leave them waiting.
    Mentors and mentees come from the organization's candidate lists, so ids of another
    organization can never be chosen.
    """
    by_uuid = {m.uuid.hex: m for m in mentors}
    traditional = MentoringType.objects.filter(is_group=False).order_by("position").first()
    today = timezone.localdate()
    created, errors = [], []
    for mentee in mentees:
        chosen = choices.get(mentee.uuid.hex, "").replace("-", "")
        if not chosen:
            continue
        mentor = by_uuid.get(chosen)
        if mentor is None:
            raise ActionRefused(f"{mentee.person.short_name}: выбранный наставник недоступен.")
        try:
            created.append(
                pair_create(
                    organization=organization,
                    form=default_form_for(mentee, mentor),
                    type=traditional,
                    mentors=[mentor],
                    mentees=[mentee],
                    planned_start=today,
                    planned_end=years.next_classes_end(today),
                    capacity_override_reason=override,
                    actor=actor,
                )
            )
        except ActionRefused as exc:
            errors.append(
                f"{mentee.person.short_name} — {mentor.person.short_name}: {' '.join(exc.messages)}"
            )
    if errors:
        raise ActionRefused(errors)
    if not created:
        raise ActionRefused("Не выбрано ни одной пары.")
    return created


WITHDRAWAL_REASON = "отзыв согласия на обработку персональных данных участником"


def pairs_end_for_withdrawn(sender, person, actor=None, **kwargs) -> None:
    """On withdrawal of consent (people's `person_withdrawing` signal), end every open pair the
    person takes part in. A pair that would be left without a mentor or without a mentee is
    terminated with the reason «отзыв согласия…» (its other mentees go back to waiting); in a
    group that still has a mentor and a mentee without them, only the person's seat is removed,
    and the group goes on. Runs inside the withdrawal's transaction."""
    taking_part = models.Q(pair_mentors__mentor__person=person) | models.Q(
        pair_mentees__mentee__person=person
    )
    ids = set(Pair.objects.filter(taking_part, status__in=OPEN_STATUSES).values_list("pk", flat=True))
    open_pairs = Pair.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    for pair in open_pairs:
        mentors = PairMentor.objects.filter(pair=pair)
        mentees = PairMentee.objects.filter(pair=pair)
        others_mentor = mentors.exclude(mentor__person=person).exists()
        others_mentee = mentees.exclude(mentee__person=person).exists()
        if others_mentor and others_mentee:
            mentors.filter(mentor__person=person).delete()
            mentees.filter(mentee__person=person).delete()
            continue
        pair.status = Pair.Status.TERMINATED
        pair.ended_on = timezone.localdate()
        pair.end_reason = WITHDRAWAL_REASON
        pair.save(update_fields=["status", "ended_on", "end_reason"])
        _set_mentee_status(
            list(pair.mentees.exclude(person=person)),
            Mentee.Status.WAITING,
            actor,
            f"Пара прекращена: {WITHDRAWAL_REASON}",
        )
