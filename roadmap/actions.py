"""Workflows of the roadmap: create (template, copy, import), submit, approve, return, amend,
and moving activities through their statuses. Each is one transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from mentoring.lib import concurrency
from mentoring.lib.actions import ActionRefused, action
from notifications import notify
from notifications.models import Kind
from people.models import AcademicYear, Organization, Person
from people.roles import CURATOR, DIRECTOR
from roadmap.deadlines import occurrence_windows, parse_deadline
from roadmap.models import Activity, EvidenceSuggestion, Occurrence, Roadmap, Stage
from roadmap.signals import evidence_accepted
from roadmap.standard import STANDARD_STAGES


def _notify(roadmap: Roadmap, role: str, subject: str, body: str, *, kind: str, event: str) -> None:
    """Notify the holders of `role` in the roadmap's organization, in this transaction; the
    letter goes out with `send_notifications`. `event` tells this submission (or decision)
    from an earlier one of the same roadmap."""
    from people.models import User

    notify(
        User.objects.filter(memberships__organization_id=roadmap.organization_id, memberships__role=role)
        .values_list("pk", flat=True)
        .distinct(),
        kind=kind,
        key=f"roadmap-{event}:{roadmap.uuid}:{roadmap.updated_at.isoformat()}",
        title=subject,
        text=body,
        link=roadmap.get_absolute_url(),
    )


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е").strip()


def match_person(entry: str, staff: list[Person]) -> Person | None:
    """The staff member named «Яковенко И.А.» or «И.А. Яковенко»: surname and initials agree."""
    from roadmap.importer import NAME_RE

    match = NAME_RE.fullmatch(" ".join(entry.split()))
    if not match:
        return None
    last = match.group("last") or match.group("last2")
    i1 = match.group("i1") or match.group("j1")
    i2 = match.group("i2") or match.group("j2")
    found = [
        p
        for p in staff
        if _norm(p.last_name) == _norm(last)
        and _norm(p.first_name[:1]) == _norm(i1)
        and _norm(p.middle_name[:1]) == _norm(i2)
    ]
    return found[0] if len(found) == 1 else None


def _next_version(organization: Organization, year: AcademicYear) -> int:
    current = Roadmap.objects.filter(organization=organization, academic_year=year).aggregate(
        v=Max("version")
    )
    return (current["v"] or 0) + 1


def _ensure_no_open_draft(organization: Organization, year: AcademicYear) -> None:
    if Roadmap.objects.filter(
        organization=organization,
        academic_year=year,
        status__in=[Roadmap.Status.DRAFT, Roadmap.Status.REVIEW],
    ).exists():
        raise ActionRefused(
            f"На {year.label} учебный год уже есть черновик дорожной карты: продолжите работу с ним."
        )


def _new_roadmap(organization, year, *, title, source, actor, previous=None) -> Roadmap:
    # The organization's row lock serialises two creations at once: the second sees the first's
    # draft (and its version number) instead of failing on the unique constraint.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    _ensure_no_open_draft(organization, year)
    return Roadmap.objects.create(
        organization=organization,
        academic_year=year,
        version=_next_version(organization, year),
        previous=previous,
        title=title,
        source=source,
        created_by=actor,
    )


def default_title(organization: Organization, year: AcademicYear) -> str:
    return (
        f"Дорожная карта (план мероприятий) по реализации Положения о системе наставничества "
        f"педагогических работников {organization.short_name} на {year.label} учебный год"
    )


@action
def roadmap_create_from_template(organization: Organization, year: AcademicYear, *, actor) -> Roadmap:
    roadmap = _new_roadmap(
        organization,
        year,
        title=default_title(organization, year),
        source=Roadmap.Source.TEMPLATE,
        actor=actor,
    )
    for stage_number, (stage_title, activities) in enumerate(STANDARD_STAGES, start=1):
        stage = Stage.objects.create(roadmap=roadmap, number=stage_number, title=stage_title)
        items = []
        for position, (title, content, deadline, roles, result, kpi) in enumerate(activities, start=1):
            activity = Activity(
                stage=stage,
                position=position,
                number=f"{stage_number}.{position}",
                title=title,
                content=content,
                responsible_roles=roles,
                expected_result=result,
                kpi=kpi,
            )
            activity.apply_kpi_text()
            activity.apply_deadline(parse_deadline(deadline, year.start_year))
            items.append(activity)
        schedule_occurrences(Activity.objects.bulk_create(items), year.start_year)
    return roadmap


def _shift_year(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _copy_content(source: Roadmap, target: Roadmap, *, shift_years: int, keep_status: bool) -> None:
    stages = source.stages.prefetch_related("activities__responsible", "activities__occurrences")
    copies: list[tuple[Activity, list[Occurrence]]] = []
    for stage in stages:
        new_stage = Stage.objects.create(roadmap=target, number=stage.number, title=stage.title)
        for activity in stage.activities.all():
            people = list(activity.responsible.all())
            occurrences = list(activity.occurrences.all())
            activity.pk = None
            activity.id = None
            activity._state.adding = True
            activity.stage = new_stage
            if shift_years:
                activity.start = _shift_year(activity.start, shift_years)
                activity.end = _shift_year(activity.end, shift_years)
            if not keep_status:
                activity.status = Activity.Status.PLANNED
                activity.completed_on = None
                activity.evidence_file = ""
                activity.evidence_link = ""
                activity.evidence_note = ""
                activity.kpi_actual = None
            activity.uuid = uuid.uuid4()
            activity.save()
            activity.responsible.set(people)
            copies.append((activity, occurrences))
    schedule_occurrences([a for a, _ in copies], target.year_start)
    if keep_status:
        # An amendment keeps what was already done in each due window.
        for activity, old in copies:
            done = {o.end: o for o in old if o.status == Occurrence.Status.DONE}
            for occurrence in activity.occurrences.filter(end__in=done):
                source_occurrence = done[occurrence.end]
                occurrence.status = Occurrence.Status.DONE
                occurrence.completed_on = source_occurrence.completed_on
                occurrence.evidence_note = source_occurrence.evidence_note
                occurrence.evidence_link = source_occurrence.evidence_link
                occurrence.save()
            _refresh_due(activity)


@action
def roadmap_copy_to_year(source: Roadmap, year: AcademicYear, *, actor) -> Roadmap:
    """Last year's roadmap for `year`: windows shift by the difference of years, statuses reset."""
    shift = year.start_year - source.academic_year.start_year
    title = source.title.replace(source.academic_year.label, year.label)
    title = title.replace(
        f"{source.year_start}-{source.year_start + 1}", f"{year.start_year}-{year.start_year + 1}"
    )
    roadmap = _new_roadmap(source.organization, year, title=title, source=Roadmap.Source.COPY, actor=actor)
    _copy_content(source, roadmap, shift_years=shift, keep_status=False)
    return roadmap


@dataclass
class ImportResult:
    roadmap: Roadmap
    unmatched: list[str]


@action
def roadmap_import(organization: Organization, year: AcademicYear, data: dict, *, actor) -> ImportResult:
    """Save what `importer.read_docx` read. People are matched to staff by surname and initials;
    names that match nobody stay as written among the roles."""
    from roadmap.importer import NAME_RE

    roadmap = _new_roadmap(
        organization,
        year,
        title=data["title"] or default_title(organization, year),
        source=Roadmap.Source.IMPORT,
        actor=actor,
    )
    approval = data.get("approval") or {}
    roadmap.approved_by = approval.get("approved_by") or ""
    roadmap.order_number = approval.get("order_number") or ""
    roadmap.order_date = approval.get("order_date")
    roadmap.protocol_number = approval.get("protocol_number") or ""
    roadmap.protocol_date = approval.get("protocol_date")
    roadmap.save()
    staff = list(Person.objects.filter(organization=organization).staff())
    unmatched: list[str] = []
    for stage_data in data["stages"]:
        stage = Stage.objects.create(
            roadmap=roadmap, number=stage_data["number"], title=stage_data["title"][:500]
        )
        for position, item in enumerate(stage_data["activities"], start=1):
            activity = Activity(
                stage=stage,
                position=position,
                number=item["number"],
                title=item["title"],
                content=item["content"],
                expected_result=item["expected_result"],
                kpi=item["kpi"],
            )
            activity.apply_kpi_text()
            activity.apply_deadline(parse_deadline(item["deadline"]["text"], year.start_year))
            people, roles = [], []
            for entry in item["responsible"]:
                person = match_person(entry, staff)
                if person:
                    people.append(person)
                else:
                    roles.append(entry)
                    if NAME_RE.fullmatch(entry) and entry not in unmatched:
                        unmatched.append(entry)
            activity.responsible_roles = "\n".join(roles)
            activity.save()
            activity.responsible.set(people)
    schedule_occurrences(list(Activity.objects.filter(stage__roadmap=roadmap)), year.start_year)
    return ImportResult(roadmap, unmatched)


@action
def roadmap_submit(roadmap: Roadmap, *, actor) -> Roadmap:
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    if roadmap.status != Roadmap.Status.DRAFT:
        raise ActionRefused("На утверждение можно отправить только черновик.")
    if not Activity.objects.filter(stage__roadmap=roadmap).exists():
        raise ActionRefused("В дорожной карте нет ни одного мероприятия.")
    roadmap.status = Roadmap.Status.REVIEW
    roadmap.save(update_fields=["status", "updated_at"])
    _notify(
        roadmap,
        DIRECTOR,
        f"Дорожная карта {roadmap.academic_year.label} ждёт утверждения",
        f"Куратор отправил на утверждение дорожную карту на {roadmap.academic_year.label} учебный год "
        f"(версия {roadmap.version}). Утвердите её или верните с замечаниями в разделе «Дорожная карта».",
        kind=Kind.ROADMAP_REVIEW,
        event="review",
    )
    return roadmap


@action
def roadmap_approve(
    roadmap: Roadmap,
    *,
    actor,
    approved_on: date,
    order_number: str,
    order_date: date,
    protocol_number: str = "",
    protocol_date: date | None = None,
) -> Roadmap:
    """The director approves: the previous approved version of the year goes to the archive."""
    roadmap = Roadmap.objects.select_for_update().select_related("organization").get(pk=roadmap.pk)
    if roadmap.status != Roadmap.Status.REVIEW:
        raise ActionRefused("Утвердить можно только дорожную карту, отправленную на утверждение.")
    if not order_number.strip():
        raise ActionRefused("Укажите номер приказа об утверждении.")
    Roadmap.objects.filter(
        organization=roadmap.organization, academic_year=roadmap.academic_year, status=Roadmap.Status.APPROVED
    ).update(status=Roadmap.Status.ARCHIVED)
    roadmap.status = Roadmap.Status.APPROVED
    roadmap.approved_on = approved_on
    roadmap.order_number = order_number.strip()
    roadmap.order_date = order_date
    roadmap.protocol_number = protocol_number.strip()
    roadmap.protocol_date = protocol_date
    roadmap.approved_by = roadmap.organization.director_signature_name
    roadmap.return_comment = ""
    roadmap.save()
    _notify(
        roadmap,
        CURATOR,
        f"Дорожная карта {roadmap.academic_year.label} утверждена",
        f"Дорожная карта утверждена приказом от {roadmap.order_date:%d.%m.%Y} № {roadmap.order_number}. "
        "Ответственные теперь отмечают выполнение мероприятий.",
        kind=Kind.ROADMAP_DECISION,
        event="approved",
    )
    return roadmap


@action
def roadmap_return(roadmap: Roadmap, *, actor, comment: str) -> Roadmap:
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    if roadmap.status != Roadmap.Status.REVIEW:
        raise ActionRefused("Вернуть на доработку можно только дорожную карту, отправленную на утверждение.")
    if not comment.strip():
        raise ActionRefused("Напишите, что нужно исправить.")
    roadmap.status = Roadmap.Status.DRAFT
    roadmap.return_comment = comment.strip()
    roadmap.save(update_fields=["status", "return_comment", "updated_at"])
    _notify(
        roadmap,
        CURATOR,
        f"Дорожная карта {roadmap.academic_year.label} возвращена на доработку",
        f"Руководитель вернул дорожную карту с замечаниями:\n\n{roadmap.return_comment}",
        kind=Kind.ROADMAP_DECISION,
        event="returned",
    )
    return roadmap


@action
def roadmap_amend(roadmap: Roadmap, *, actor, reason: str) -> Roadmap:
    """A new draft version of an approved roadmap, statuses and evidence kept; the approved one
    stays in force (and readable) until the new version is approved."""
    if roadmap.status != Roadmap.Status.APPROVED:
        raise ActionRefused("Изменения вносятся только в утверждённую дорожную карту.")
    if not reason.strip():
        raise ActionRefused("Укажите причину изменения.")
    new = _new_roadmap(
        roadmap.organization,
        roadmap.academic_year,
        title=roadmap.title,
        source=Roadmap.Source.AMENDMENT,
        actor=actor,
        previous=roadmap,
    )
    new.amendment_reason = reason.strip()
    new.save(update_fields=["amendment_reason"])
    _copy_content(roadmap, new, shift_years=0, keep_status=True)
    return new


@action
def roadmap_archive(roadmap: Roadmap, *, actor) -> Roadmap:
    if roadmap.status != Roadmap.Status.APPROVED:
        raise ActionRefused("В архив переводится только утверждённая дорожная карта.")
    roadmap.status = Roadmap.Status.ARCHIVED
    roadmap.save(update_fields=["status", "updated_at"])
    return roadmap


ALLOWED_MOVES = {
    Activity.Status.PLANNED: {Activity.Status.IN_PROGRESS, Activity.Status.DONE, Activity.Status.CANCELLED},
    Activity.Status.IN_PROGRESS: {Activity.Status.PLANNED, Activity.Status.DONE, Activity.Status.CANCELLED},
    Activity.Status.DONE: {Activity.Status.IN_PROGRESS},
    Activity.Status.CANCELLED: {Activity.Status.PLANNED},
}


@action
def activity_set_status(
    activity: Activity,
    status: str,
    *,
    actor,
    completed_on: date | None = None,
    evidence_file=None,
    evidence_link: str = "",
    evidence_note: str = "",
    version: int | None = None,
) -> Activity:
    """Move an activity of the roadmap in force; «выполнено» needs evidence and a date.

    `version` is the one the page was opened at: a move made from a stale page is refused."""
    activity = Activity.objects.select_for_update().select_related("stage__roadmap").get(pk=activity.pk)
    concurrency.check(activity, version, noun="Мероприятие")
    if activity.stage.roadmap.status != Roadmap.Status.APPROVED:
        raise ActionRefused("Статусы мероприятий меняются только в утверждённой дорожной карте.")
    if status not in ALLOWED_MOVES.get(activity.status, set()):
        raise ActionRefused(
            f"Нельзя перевести мероприятие из статуса «{activity.get_status_display()}» "
            f"в «{Activity.Status(status).label if status in Activity.Status.values else status}»."
        )
    if status == Activity.Status.DONE:
        if evidence_file:
            activity.evidence_file = evidence_file
        activity.evidence_link = evidence_link.strip() or activity.evidence_link
        activity.evidence_note = evidence_note.strip() or activity.evidence_note
        if not activity.has_evidence:
            raise ActionRefused(
                "Чтобы отметить выполнение, приложите файл, ссылку или укажите протокол/примечание."
            )
        activity.completed_on = completed_on or timezone.localdate()
        if activity.completed_on > timezone.localdate():
            raise ActionRefused("Дата выполнения не может быть в будущем.")
    else:
        activity.completed_on = None
        if status == Activity.Status.CANCELLED and evidence_note.strip():
            activity.evidence_note = evidence_note.strip()
    activity.status = status
    activity.save()
    return activity


def _locked_draft(roadmap: Roadmap) -> Roadmap:
    """The roadmap's row, locked: stages and activities are numbered one writer at a time."""
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    if roadmap.status != Roadmap.Status.DRAFT:
        raise ActionRefused("Этапы и мероприятия меняются только в черновике дорожной карты.")
    return roadmap


@action
def stage_create(roadmap: Roadmap, *, actor, title: str) -> Stage:
    """A new last stage of a draft; its number follows the last one even when two are added at once."""
    roadmap = _locked_draft(roadmap)
    last = roadmap.stages.aggregate(n=Max("number"))["n"] or 0
    return Stage.objects.create(roadmap=roadmap, number=last + 1, title=title)


@action
def activity_create(stage: Stage, *, form, actor) -> Activity:
    """Save the form of a new activity (`ActivityForm`) as the last one of a stage of a draft."""
    _locked_draft(stage.roadmap)
    activity = form.save(commit=False)
    activity.stage = stage
    activity.apply_deadline(parse_deadline(form.cleaned_data["deadline_text"], stage.roadmap.year_start))
    activity.position = (stage.activities.aggregate(n=Max("position"))["n"] or 0) + 1
    _apply_kpi(activity)
    activity.save()
    form.save_m2m()
    schedule_occurrences([activity], stage.roadmap.year_start)
    return activity


def _apply_kpi(activity: Activity) -> None:
    """A target typed in the form wins over the one read from the KPI text; its unit is the text's."""
    typed = activity.kpi_target
    activity.apply_kpi_text()
    if typed is not None:
        activity.kpi_target = typed
        activity.kpi_unit = activity.kpi_unit or Activity.KpiUnit.PERCENT


@action
def activity_set_kpi_actual(activity: Activity, *, actor, value: Decimal | None) -> Activity:
    """The fact of the activity's indicator, typed by the curator or a responsible person."""
    activity = Activity.objects.select_for_update().select_related("stage__roadmap").get(pk=activity.pk)
    if activity.stage.roadmap.status != Roadmap.Status.APPROVED:
        raise ActionRefused("Фактическое значение показателя вносится в утверждённую дорожную карту.")
    if activity.kpi_target is None:
        raise ActionRefused("У мероприятия нет целевого значения показателя: сначала укажите его.")
    if value is not None and (value < 0 or (activity.kpi_unit == Activity.KpiUnit.PERCENT and value > 100)):
        raise ActionRefused(
            "Значение показателя должно быть от 0 до 100 %."
            if activity.kpi_unit == "percent"
            else "Значение показателя не может быть отрицательным."
        )
    activity.kpi_actual = value
    activity.save(update_fields=["kpi_actual", "updated_at"])
    return activity


@action
def activity_update(activity: Activity, *, form, version: int | None, actor) -> Activity:
    """Save the edit form of an activity of a draft, unless someone saved it since the form was
    opened (then `EditConflict` and nothing is written)."""
    with concurrency.editing(activity, version, noun="Мероприятие"):
        activity = form.save(commit=False)
        activity.apply_deadline(
            parse_deadline(form.cleaned_data["deadline_text"], activity.stage.roadmap.year_start)
        )
        _apply_kpi(activity)
        activity.save()
        form.save_m2m()
    schedule_occurrences([activity], activity.stage.roadmap.year_start)
    return activity


def evidence_offer(activities, obj, *, label: str, url: str, happened_on: date) -> list[EvidenceSuggestion]:
    """Offer `obj` (a signed order, a held event…) as evidence to each of the open `activities`
    that expect it; an object already offered to an activity is not offered again. The curator is
    told in the same transaction. Called by the sections that produce such objects, inside their
    own action."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(obj)
    offered = []
    for activity in activities:
        suggestion, created = EvidenceSuggestion.objects.get_or_create(
            activity=activity,
            content_type=content_type,
            object_id=obj.pk,
            defaults={"label": label[:500], "url": url[:300], "happened_on": happened_on},
        )
        if created:
            offered.append(suggestion)
    for suggestion in offered:
        roadmap = suggestion.activity.stage.roadmap
        _notify(
            roadmap,
            CURATOR,
            "Можно засчитать выполнение мероприятия",
            f"{label}. Это может подтверждать выполнение мероприятия «{suggestion.activity.title[:200]}» "
            "дорожной карты: засчитайте его или отклоните предложение.",
            kind=Kind.EVIDENCE_OFFERED,
            event=f"evidence-{suggestion.uuid}",
        )
    return offered


def _locked_suggestion(suggestion: EvidenceSuggestion) -> EvidenceSuggestion:
    suggestion = (
        EvidenceSuggestion.objects.select_for_update(of=("self",))
        .select_related("activity__stage__roadmap")
        .get(pk=suggestion.pk)
    )
    if suggestion.status != EvidenceSuggestion.Status.PENDING:
        raise ActionRefused("По этому предложению уже принято решение.")
    return suggestion


@action
def evidence_accept(suggestion: EvidenceSuggestion, *, actor) -> Activity:
    """Count the offered object as the activity's completion, on the object's own date."""
    suggestion = _locked_suggestion(suggestion)
    occurrence = occurrence_for(suggestion.activity, suggestion.happened_on)
    if occurrence is not None:
        # A recurring activity: the object counts for the window it falls in.
        occurrence_complete(
            occurrence,
            actor=actor,
            completed_on=suggestion.happened_on,
            evidence_link=_absolute(suggestion.url),
            evidence_note=suggestion.label,
        )
        _mark_decided(suggestion, EvidenceSuggestion.Status.ACCEPTED, actor)
        evidence_accepted.send(sender=EvidenceSuggestion, suggestion=suggestion, actor=actor)
        return Activity.objects.get(pk=suggestion.activity_id)
    activity = activity_set_status(
        suggestion.activity,
        Activity.Status.DONE,
        actor=actor,
        completed_on=suggestion.happened_on,
        evidence_link=_absolute(suggestion.url),
        evidence_note=suggestion.label,
    )
    _mark_decided(suggestion, EvidenceSuggestion.Status.ACCEPTED, actor)
    evidence_accepted.send(sender=EvidenceSuggestion, suggestion=suggestion, actor=actor)
    return activity


@action
def evidence_decline(suggestion: EvidenceSuggestion, *, actor) -> EvidenceSuggestion:
    """Hide the offer: the object is not this activity's evidence."""
    suggestion = _locked_suggestion(suggestion)
    _mark_decided(suggestion, EvidenceSuggestion.Status.DECLINED, actor)
    return suggestion


def _mark_decided(suggestion: EvidenceSuggestion, status: str, actor) -> None:
    suggestion.status = status
    suggestion.decided_by, suggestion.decided_at = actor, timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])


def _absolute(url: str) -> str:
    """The evidence link field holds absolute URLs; a page of this site is kept under the site's address."""
    from django.conf import settings

    if not url or url.startswith("http"):
        return url
    return getattr(settings, "SITE_URL", "").rstrip("/") + url


def schedule_occurrences(activities: list[Activity], year_start: int) -> None:
    """(Re)build the due windows of recurring activities of a roadmap being drafted, and their
    nearest due date. Part of the actions that create or change activities."""
    Occurrence.objects.filter(activity__in=[a.pk for a in activities]).delete()
    new, changed = [], []
    for activity in activities:
        windows = occurrence_windows(
            activity.recurrence, activity.start, activity.end, activity.deadline_text, year_start
        )
        new += [Occurrence(activity=activity, start=start, end=end) for start, end in windows]
        due = windows[0][1] if windows else activity.end
        if activity.due != due:
            activity.due = due
            changed.append(activity)
    Occurrence.objects.bulk_create(new)
    Activity.objects.bulk_update(changed, ["due"])


def _refresh_due(activity: Activity) -> None:
    """The nearest due date: the end of the first occurrence not done, else the window's end."""
    first = activity.occurrences.filter(status=Occurrence.Status.PLANNED).order_by("end").first()
    due = first.end if first else activity.end
    if activity.due != due:
        activity.due = due
        activity.save(update_fields=["due", "updated_at"])


@action
def occurrence_complete(
    occurrence: Occurrence,
    *,
    actor,
    completed_on: date | None = None,
    evidence_link: str = "",
    evidence_note: str = "",
) -> Occurrence:
    """Mark one due window of a recurring activity done, with its evidence; the activity is done
    when every window is."""
    occurrence = (
        Occurrence.objects.select_for_update()
        .select_related("activity__stage__roadmap")
        .get(pk=occurrence.pk)
    )
    activity = Activity.objects.select_for_update().get(pk=occurrence.activity_id)
    if occurrence.activity.stage.roadmap.status != Roadmap.Status.APPROVED:
        raise ActionRefused("Выполнение отмечается только в утверждённой дорожной карте.")
    if activity.status not in (Activity.Status.PLANNED, Activity.Status.IN_PROGRESS):
        raise ActionRefused(f"Мероприятие уже в статусе «{activity.get_status_display()}».")
    if occurrence.status == Occurrence.Status.DONE:
        raise ActionRefused("Этот срок уже отмечен выполненным.")
    if not (evidence_link.strip() or evidence_note.strip()):
        raise ActionRefused("Чтобы отметить выполнение, укажите ссылку или протокол/примечание.")
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise ActionRefused("Дата выполнения не может быть в будущем.")
    occurrence.status = Occurrence.Status.DONE
    occurrence.completed_on = completed_on
    occurrence.evidence_link, occurrence.evidence_note = evidence_link.strip(), evidence_note.strip()
    occurrence.save()
    if not activity.occurrences.filter(status=Occurrence.Status.PLANNED).exists():
        activity.status = Activity.Status.DONE
        activity.completed_on = completed_on
        activity.evidence_note = activity.evidence_note or "Выполнено в каждый из сроков."
    activity.save()
    _refresh_due(activity)
    return occurrence


def occurrence_for(activity: Activity, day: date) -> Occurrence | None:
    """The window not yet done that `day` falls in, else the first one not yet done."""
    planned = list(activity.occurrences.filter(status=Occurrence.Status.PLANNED).order_by("end"))
    return next((o for o in planned if o.start <= day <= o.end), planned[0] if planned else None)
