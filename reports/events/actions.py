"""Workflows of events: plan, change, hold with attendance, cancel; materials; the protocol."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from django.db.models import Max
from django.utils import timezone

from mentoring.lib import academic_year as years
from mentoring.lib.actions import ActionRefused, action
from mentoring.lib.grammar import plural
from notifications import notify
from notifications.models import Kind
from people.models import Organization, Person
from reports.events.models import Event, EventClass, EventMaterial, EventParticipant, Protocol, TrainingGroup
from reports.events.signals import event_held

CLASS_NAME = re.compile(r"^\d{1,2}\s*[А-ЯЁа-яё]?$")


def parse_classes(text: str) -> list[str]:
    """«5А, 5б; 6В» → ["5А", "5Б", "6В"]; a name that is not a class is refused by name."""
    names = []
    for raw in re.split(r"[,;\n]+", text or ""):
        name = raw.strip().replace(" ", "").upper()
        if not name:
            continue
        if not CLASS_NAME.match(name):
            raise ActionRefused(
                f"«{raw.strip()}» — не название класса. Пишите классы через запятую: «5А, 5Б»."
            )
        if name not in names:
            names.append(name)
    return names


def _check_people(organization: Organization, people, what: str) -> None:
    foreign = [p for p in people if p.organization_id != organization.pk]
    if foreign:
        raise ActionRefused(f"{what}: можно выбрать только участников своей организации.")


def _pair_people(pairs) -> list[Person]:
    from pairs.models import PairMentee, PairMentor

    mentors = PairMentor.objects.filter(pair__in=pairs).select_related("mentor__person")
    mentees = PairMentee.objects.filter(pair__in=pairs).select_related("mentee__person")
    return [link.mentor.person for link in mentors] + [link.mentee.person for link in mentees]


def _set_invited(event: Event, people, pairs, classes: list[str]) -> None:
    """Invite exactly these people, pairs (their members are invited by name) and classes; the
    attendance already marked for someone still invited is kept."""
    _check_people(event.organization, [*people, *pairs], "Приглашённые")
    event.pairs.set(pairs)
    wanted = {p.pk: p for p in [*people, *_pair_people(pairs)]}
    event.participants.exclude(person_id__in=wanted).delete()
    known = set(event.participants.values_list("person_id", flat=True))
    EventParticipant.objects.bulk_create(
        EventParticipant(event=event, person=person) for pk, person in wanted.items() if pk not in known
    )
    event.classes.exclude(school_class__in=classes).delete()
    known_classes = set(event.classes.values_list("school_class", flat=True))
    enrolled = _enrolled(event.organization, classes)
    EventClass.objects.bulk_create(
        EventClass(event=event, school_class=name, enrolled=enrolled.get(name, 0))
        for name in classes
        if name not in known_classes
    )


def _enrolled(organization: Organization, classes: list[str]) -> dict[str, int]:
    from django.db.models import Count

    rows = (
        Person.objects.filter(organization=organization, kind=Person.Kind.STUDENT, school_class__in=classes)
        .values("school_class")
        .annotate(n=Count("pk"))
    )
    return {row["school_class"]: row["n"] for row in rows}


def _check_fields(
    organization: Organization, *, organizer: Person, starts_at: datetime, duration_minutes: int = 90
) -> None:
    _check_people(organization, [organizer], "Организатор")
    if starts_at is None:
        raise ActionRefused("Укажите дату и время мероприятия.")
    if not duration_minutes or not 5 <= duration_minutes <= 720:
        raise ActionRefused("Продолжительность мероприятия — от 5 минут до 12 часов.")


def event_when(event: Event) -> str:
    local = timezone.localtime(event.starts_at)
    return f"{local:%d.%m.%Y} в {local:%H:%M}"


def _notify_invited(event: Event, *, users, key: str, title: str, actor) -> None:
    """Tell the invited accounts (except whoever made the change) about an event still ahead."""
    recipients = [uid for uid in users if actor is None or uid != actor.pk]
    place = f", {event.place}" if event.place else ""
    notify(
        recipients,
        kind=Kind.EVENT,
        key=f"{key}:{event.uuid}",
        title=f"{title}: {event.get_kind_display().lower()} {event_when(event)}",
        text=f"«{event.title}»{place}.",
        link=event.get_absolute_url(),
    )


def _where_and_when(event: Event) -> str:
    """What the invited must know about a change: the start, the length and the place."""
    raw = f"{event.starts_at.timestamp():.0f}|{event.duration_minutes}|{event.place}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


@action
def event_create(
    organization: Organization,
    *,
    actor,
    kind: str,
    title: str,
    starts_at: datetime,
    organizer: Person,
    place: str = "",
    people=(),
    pairs=(),
    classes: str = "",
    duration_minutes: int = 90,
) -> Event:
    """Plan an event and invite people, pairs and classes; the invited are told if it is ahead."""
    _check_fields(organization, organizer=organizer, starts_at=starts_at, duration_minutes=duration_minutes)
    class_names = parse_classes(classes)
    event = Event.objects.create(
        organization=organization,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        place=place.strip(),
        organizer=organizer,
        duration_minutes=duration_minutes,
        created_by=actor,
    )
    _set_invited(event, list(people), list(pairs), class_names)
    if event.is_upcoming:
        _notify_invited(
            event, users=event.invited_user_ids(), key="event-invited", title="Вы приглашены", actor=actor
        )
    return event


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).select_related("organization").get(pk=event.pk)


@action
def event_update(
    event: Event,
    *,
    actor,
    kind: str,
    title: str,
    starts_at: datetime,
    organizer: Person,
    place: str = "",
    people=(),
    pairs=(),
    classes: str = "",
    duration_minutes: int = 90,
) -> Event:
    """Change a planned or held event; a cancelled one stays as it was. While the event is ahead,
    those newly invited get an invitation, and those invited before are told of a new date, time
    or place."""
    event = _locked(event)
    if event.status == Event.Status.CANCELLED:
        raise ActionRefused("Отменённое мероприятие изменить нельзя.")
    if hasattr(event, "protocol") and kind != event.kind:
        raise ActionRefused("У мероприятия уже есть протокол: вид мероприятия изменить нельзя.")
    _check_fields(
        event.organization, organizer=organizer, starts_at=starts_at, duration_minutes=duration_minutes
    )
    class_names = parse_classes(classes)
    before, invited_before = _where_and_when(event), event.invited_user_ids()
    event.kind, event.title, event.starts_at = kind, title.strip(), starts_at
    event.organizer, event.place, event.duration_minutes = organizer, place.strip(), duration_minutes
    event.save()
    _set_invited(event, list(people), list(pairs), class_names)
    if event.is_upcoming:
        invited = event.invited_user_ids()
        after = _where_and_when(event)
        if after != before:
            # Keyed by the new date, time and place: each change is told once.
            _notify_invited(
                event,
                users=invited & invited_before,
                key=f"event-changed-{after}",
                title="Мероприятие изменено",
                actor=actor,
            )
        _notify_invited(
            event, users=invited - invited_before, key="event-invited", title="Вы приглашены", actor=actor
        )
    return event


@action
def event_hold(
    event: Event, *, actor, present: set[int] | list[int], class_counts: dict[str, int] | None = None
) -> Event:
    """Mark the event held with its attendance: `present` — ids of the invited people who came,
    `class_counts` — how many students of each invited class came. May be corrected later."""
    event = _locked(event)
    if event.status == Event.Status.CANCELLED:
        raise ActionRefused("Мероприятие отменено: отметить посещаемость нельзя.")
    if timezone.localtime(event.starts_at).date() > timezone.localdate():
        raise ActionRefused("Мероприятие ещё не наступило: посещаемость отмечают после него.")
    present = set(present)
    invited = set(event.participants.values_list("person_id", flat=True))
    if present - invited:
        raise ActionRefused("Отметить можно только приглашённых на мероприятие.")
    event.participants.update(present=False)
    event.participants.filter(person_id__in=present).update(present=True)
    counts = class_counts or {}
    for entry in event.classes.all():
        count = counts.get(entry.school_class)
        if count is None:
            raise ActionRefused(f"Укажите, сколько обучающихся {entry.school_class} класса присутствовало.")
        if count < 0 or count > entry.enrolled:
            raise ActionRefused(
                f"{entry.school_class} класс: присутствовало {count}, а в классе {plural(entry.enrolled, 'обучающийся')}."
            )
        entry.present = count
        entry.save(update_fields=["present"])
    event.status = Event.Status.HELD
    event.save(update_fields=["status", "updated_at"])
    event_held.send(sender=Event, event=event, actor=actor)
    return event


@action
def event_cancel(event: Event, *, actor, reason: str = "") -> Event:
    """Cancel a planned event; a held one has happened and keeps its protocol. The invited are
    told if it was still ahead."""
    event = _locked(event)
    if event.status != Event.Status.PLANNED:
        raise ActionRefused("Отменить можно только запланированное мероприятие.")
    was_ahead = event.is_upcoming
    event.status = Event.Status.CANCELLED
    event.cancel_reason = reason.strip()[:300]
    event.save(update_fields=["status", "cancel_reason", "updated_at"])
    if was_ahead:
        _notify_invited(
            event,
            users=event.invited_user_ids(),
            key="event-cancelled",
            title="Мероприятие отменено",
            actor=actor,
        )
    return event


@action
def event_material_add(event: Event, *, actor, name: str, file, file_type: str) -> EventMaterial:
    """Attach a file already checked by its content (`mentoring.lib.uploads.sniff`)."""
    if event.status == Event.Status.CANCELLED:
        raise ActionRefused("Мероприятие отменено: материалы к нему не добавляются.")
    material = EventMaterial(
        event=event, name=name.strip() or file.name, file_type=file_type, uploaded_by=actor
    )
    material.file.save(file.name, file, save=False)
    material.save()
    return material


@action
def event_material_delete(material: EventMaterial, *, actor) -> None:
    material.file.delete(save=False)
    material.delete()


# Protocol ------------------------------------------------------------------------------------


def _clean_agenda(agenda: list[dict]) -> list[dict]:
    items = []
    for item in agenda:
        item = {key: (item.get(key) or "").strip() for key in ("title", "heard", "spoke", "decided")}
        if any(item.values()):
            if not item["title"]:
                raise ActionRefused("У каждого пункта повестки должно быть название.")
            if not item["decided"]:
                raise ActionRefused(f"Пункт «{item['title']}»: запишите, что РЕШИЛИ.")
            items.append(item)
    if not items:
        raise ActionRefused("Добавьте в повестку хотя бы один пункт.")
    return items


def next_protocol_sequence(organization_id: int, kind: str, year: int) -> int:
    """The next number in the register of this kind and academic year, under the organization's
    row lock (held until the transaction ends), so two secretaries never get the same number."""
    Organization.objects.select_for_update().only("pk").get(pk=organization_id)
    last = Protocol.objects.filter(organization_id=organization_id, kind=kind, year=year).aggregate(
        n=Max("sequence")
    )["n"]
    return (last or 0) + 1


def _check_officers(event: Event, chair: Person, secretary: Person) -> None:
    _check_people(event.organization, [chair, secretary], "Председатель и секретарь")


@action
def protocol_create(
    event: Event, *, actor, date: date, chair: Person, secretary: Person, agenda: list[dict]
) -> Protocol:
    """The protocol of a held event, with the next number of its kind and academic year."""
    event = _locked(event)
    if event.status != Event.Status.HELD:
        raise ActionRefused("Протокол составляют по проведённому мероприятию: сначала отметьте посещаемость.")
    if Protocol.objects.filter(event=event).exists():
        raise ActionRefused("Протокол этого мероприятия уже составлен.")
    _check_officers(event, chair, secretary)
    if date < timezone.localtime(event.starts_at).date():
        raise ActionRefused("Дата протокола не может быть раньше дня мероприятия.")
    year = years.start_year_of(timezone.localtime(event.starts_at).date())
    return Protocol.objects.create(
        event=event,
        organization=event.organization,
        kind=event.kind,
        year=year,
        sequence=next_protocol_sequence(event.organization_id, event.kind, year),
        date=date,
        chair=chair,
        secretary=secretary,
        agenda=_clean_agenda(agenda),
        created_by=actor,
    )


@action
def protocol_update(
    protocol: Protocol, *, actor, date: date, chair: Person, secretary: Person, agenda: list[dict]
) -> Protocol:
    """Correct the protocol's text, date and officers; its number stays."""
    protocol = Protocol.objects.select_for_update().select_related("event__organization").get(pk=protocol.pk)
    _check_officers(protocol.event, chair, secretary)
    if date < timezone.localtime(protocol.event.starts_at).date():
        raise ActionRefused("Дата протокола не может быть раньше дня мероприятия.")
    protocol.date, protocol.chair, protocol.secretary = date, chair, secretary
    protocol.agenda = _clean_agenda(agenda)
    protocol.save()
    return protocol


# Mentor training groups -------------------------------------------------------------------------


def _check_group(organization: Organization, mentors, required_sessions: int, keep=()) -> list:
    """The mentors, checked: at least one, of the organization, none inactive (except those
    already in the group, `keep`); and at least one session required."""
    from people.models import Mentor

    mentors = list(mentors)
    if not mentors:
        raise ActionRefused("Включите в группу хотя бы одного наставника.")
    if any(m.organization_id != organization.pk for m in mentors):
        raise ActionRefused("В группу можно включить только наставников своей организации.")
    if any(m.status == Mentor.Status.INACTIVE and m.pk not in keep for m in mentors):
        raise ActionRefused("Неактивного наставника нельзя включить в группу обучения.")
    if required_sessions is None or required_sessions < 1:
        raise ActionRefused("Для завершения обучения нужно хотя бы одно занятие.")
    return mentors


@action
def training_group_create(
    organization: Organization, *, actor, title: str, academic_year, mentors, required_sessions: int = 3
) -> TrainingGroup:
    """A group of the organization's mentors to be trained together in `required_sessions` sessions."""
    mentors = _check_group(organization, mentors, required_sessions)
    group = TrainingGroup.objects.create(
        organization=organization,
        academic_year=academic_year,
        title=title.strip(),
        required_sessions=required_sessions,
        created_by=actor,
    )
    group.mentors.set(mentors)
    return group


@action
def training_group_update(
    group: TrainingGroup, *, actor, title: str, academic_year, mentors, required_sessions: int
) -> TrainingGroup:
    """Change a group whose training is not completed; the planned sessions invite the mentors
    added and no longer invite those removed."""
    group = TrainingGroup.objects.select_for_update().select_related("organization").get(pk=group.pk)
    if group.completed_on:
        raise ActionRefused("Обучение группы завершено: изменить группу нельзя.")
    before = set(group.mentors.values_list("pk", flat=True))
    mentors = _check_group(group.organization, mentors, required_sessions, keep=before)
    group.title, group.academic_year, group.required_sessions = (
        title.strip(),
        academic_year,
        required_sessions,
    )
    group.save(update_fields=["title", "academic_year", "required_sessions"])
    group.mentors.set(mentors)
    people = {m.person_id for m in mentors}
    removed = [pk for pk in before if pk not in {m.pk for m in mentors}]
    for event in group.sessions.filter(status=Event.Status.PLANNED):
        EventParticipant.objects.filter(event=event, person__mentor__pk__in=removed).delete()
        known = set(event.participants.values_list("person_id", flat=True))
        EventParticipant.objects.bulk_create(
            EventParticipant(event=event, person_id=pk) for pk in people if pk not in known
        )
        if event.is_upcoming:
            # The mentors added to the group are invited to its sessions still ahead.
            _notify_invited(
                event, users=event.invited_user_ids(), key="event-invited", title="Вы приглашены", actor=actor
            )
    return group


@action
def training_session_plan(
    group: TrainingGroup, *, actor, title: str, starts_at: datetime, organizer: Person, place: str = ""
) -> Event:
    """A session of the group: an event of the kind «обучение наставников» with its mentors invited."""
    if group.completed_on:
        raise ActionRefused("Обучение группы завершено: новые занятия не планируются.")
    people = [m.person for m in group.mentors.select_related("person")]
    event = event_create(
        group.organization,
        actor=actor,
        kind=Event.Kind.MENTOR_TRAINING,
        title=title,
        starts_at=starts_at,
        organizer=organizer,
        place=place,
        people=people,
    )
    event.training_group = group
    event.save(update_fields=["training_group", "updated_at"])
    return event


@action
def training_group_complete(group: TrainingGroup, *, actor) -> list:
    """Close the group's training: each mentor present at enough sessions gets the training in
    their card and, after the interview, the status «обучен». Returns the mentors trained."""
    from people.actions import mentor_change_status
    from people.models import Mentor, MentorTraining

    group = TrainingGroup.objects.select_for_update().get(pk=group.pk)
    if group.completed_on:
        raise ActionRefused("Обучение группы уже завершено.")
    held = list(group.sessions.filter(status=Event.Status.HELD).order_by("starts_at"))
    if len(held) < group.required_sessions:
        raise ActionRefused(
            f"Проведено занятий: {len(held)} из {group.required_sessions}. Завершить обучение нельзя."
        )
    last_day = timezone.localtime(held[-1].starts_at).date()
    attendance = group.attendance()
    trained = []
    for mentor in group.mentors.select_related("person"):
        attended = attendance.get(mentor.person_id, 0)
        if attended < group.required_sessions:
            continue
        MentorTraining.objects.create(
            mentor=mentor,
            date=last_day,
            topic=group.title[:300],
            hours=group.hours_per_session * attended,
            provider=group.organization.short_name[:200],
        )
        if mentor.status == Mentor.Status.INTERVIEWED:
            mentor_change_status(
                mentor, Mentor.Status.TRAINED, actor=actor, comment=f"Обучение в группе «{group.title}»"
            )
        trained.append(mentor)
    group.completed_on = last_day
    group.save(update_fields=["completed_on"])
    return trained
