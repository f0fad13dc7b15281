"""Demo roadmaps: for the demo school one accepted by the council and awaiting the launch order
(the demo orders sign it), with activities in every status; for each generated school an approved
roadmap of about forty activities."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from mentoring.demo.bulk import insert
from people.models import AcademicYear, Organization, Person
from roadmap import actions
from roadmap.deadlines import parse_deadline
from roadmap.kpi import Target, parse_target
from roadmap.models import Activity, Roadmap, Stage
from roadmap.standard import STANDARD_STAGES

MONTHS = ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март", "апрель", "май"]


def seed_demo(org: Organization, rng: random.Random) -> None:
    year = AcademicYear.objects.current()
    if Roadmap.objects.filter(organization=org, academic_year=year).exists():
        return
    roadmap = actions.roadmap_create_from_template(org, year, actor=None)
    _add_measured_activities(roadmap)
    staff = {
        p.user.username: p
        for p in Person.objects.filter(organization=org, user__isnull=False).select_related("user")
    }
    curator, mentor, director = staff.get("curator"), staff.get("mentor"), staff.get("director")
    activities = list(Activity.objects.filter(stage__roadmap=roadmap).order_by("stage__number", "position"))
    for activity in activities:
        roles = activity.roles_list
        people = [
            p
            for p in (curator if "Куратор" in roles else None, director if "Директор" in roles else None)
            if p
        ]
        if "Наставники" in roles and mentor:
            people.append(mentor)
        activity.responsible.set(people)
    # Accepted by the pedagogical council, then awaiting the director's launch order: the demo
    # orders sign it, and signing approves the roadmap with that order's number and date.
    roadmap.protocol_number = "1"
    roadmap.protocol_date = year.starts_on - timedelta(days=4)
    roadmap.save(update_fields=["protocol_number", "protocol_date"])
    actions.roadmap_submit(roadmap, actor=None)
    _spread_statuses(activities)
    # The activities that await the pairs order stay open: the demo orders sign it later, and
    # the curator is offered to count it («Засчитать как выполнение»).
    Activity.objects.filter(stage__roadmap=roadmap, expected_result__icontains="приказ о закреплении").update(
        status=Activity.Status.PLANNED, completed_on=None, evidence_note="", evidence_link=""
    )
    Activity.objects.filter(stage__roadmap=roadmap, title__startswith="Приказ(ы) о закреплении").update(
        status=Activity.Status.PLANNED, completed_on=None, evidence_note="", evidence_link=""
    )


def _spread_statuses(activities: list[Activity]) -> None:
    """What a school looks like mid-year: most of what ended is done, a few are overdue or
    cancelled, the current ones are in progress, and at least one activity of every status."""
    today = timezone.localdate()
    ended = [a for a in activities if a.end and a.end < today]
    current = [a for a in activities if a.start and a.start <= today and (a.end is None or a.end >= today)]
    future = [a for a in activities if a.start and a.start > today]
    cycle = ["done", "done", "planned", "done", "cancelled"]
    for i, activity in enumerate(ended):
        _set(activity, cycle[i % len(cycle)], today)
    for activity in current:
        _set(activity, "in_progress", today)
    # Early in the year little has ended yet: still show each status on some activity.
    spare = future + current
    present = {a.status for a in activities}
    for status in ("done", "cancelled", "in_progress"):
        if status not in present and spare:
            _set(spare.pop(), status, today)
    Activity.objects.bulk_update(activities, ["status", "completed_on", "evidence_note", "evidence_link"])


def _set(activity: Activity, status: str, today) -> None:
    activity.status = status
    if status == "done":
        activity.completed_on = min(activity.end or today, today)
        activity.evidence_note = f"Протокол совещания при директоре от {activity.completed_on:%d.%m.%Y}"
        activity.evidence_link = "https://school7.edu.example.ru/nastavnichestvo/"
    elif status == "cancelled":
        activity.evidence_note = "Отменено: мероприятие перенесено в план методической работы"


def seed_organizations(orgs: list[Organization], rng: random.Random) -> None:
    """An approved roadmap of the standard stages plus monthly curator meetings (~40 activities)."""
    year = AcademicYear.objects.current()
    today = timezone.localdate()
    roadmaps = insert(
        [
            Roadmap(
                organization=org,
                academic_year=year,
                title=actions.default_title(org, year),
                source=Roadmap.Source.TEMPLATE,
                status=Roadmap.Status.APPROVED,
                approved_on=year.starts_on,
                approved_by=org.director_signature_name,
                order_number=f"{rng.randint(100, 299)}-од",
                order_date=year.starts_on,
            )
            for org in orgs
        ]
    )
    stages = insert(
        [
            Stage(roadmap=roadmap, number=n, title=title)
            for roadmap in roadmaps
            for n, (title, _) in enumerate(STANDARD_STAGES, start=1)
        ]
    )
    by_roadmap: dict[int, list[Stage]] = {}
    for stage in stages:
        by_roadmap.setdefault(stage.roadmap_id, []).append(stage)
    staff_ids: dict[int, list[int]] = {}
    for person_id, org_id in Person.objects.filter(organization__in=orgs, kind=Person.Kind.STAFF).values_list(
        "id", "organization_id"
    ):
        staff_ids.setdefault(org_id, []).append(person_id)
    activities: list[Activity] = []
    for roadmap in roadmaps:
        for stage, (_, items) in zip(by_roadmap[roadmap.pk], STANDARD_STAGES, strict=True):
            rows = [(t, c, d, r, e, k) for t, c, d, r, e, k in items]
            if stage.number == 5:
                rows += [
                    (f"Совещание куратора с наставниками: итоги за {m}", "", m, "Куратор", "Протокол", "")
                    for m in MONTHS
                ]
                rows += [
                    (
                        "Открытые уроки наставников и наставляемых",
                        "",
                        "1 раз в четверть",
                        "Наставники",
                        "",
                        "",
                    )
                ]
            if stage.number == 4:
                rows += [
                    (
                        f"Заседание методического объединения наставников ({m})",
                        "",
                        m,
                        "Куратор",
                        "Протокол",
                        "",
                    )
                    for m in ("октябрь", "декабрь", "март", "май")
                ]
            if stage.number == 2:
                rows += [
                    (
                        f"Диагностика профессиональных затруднений наставляемых ({m})",
                        "",
                        m,
                        "Педагог-психолог",
                        "",
                        "",
                    )
                    for m in ("сентябрь", "май")
                ]
            for position, (title, content, deadline, roles, result, kpi) in enumerate(rows, start=1):
                activity = Activity(
                    stage=stage,
                    position=position,
                    number=f"{stage.number}.{position}",
                    title=title,
                    content=content,
                    responsible_roles=roles,
                    expected_result=result,
                    kpi=kpi,
                    kpi_target=(parse_target(kpi) or Target(None, "")).value,
                    kpi_unit=(parse_target(kpi) or Target(None, "")).unit,
                )
                activity.apply_deadline(parse_deadline(deadline, year.start_year))
                if activity.end and activity.end < today and rng.random() < 0.8:
                    activity.status = Activity.Status.DONE
                    activity.completed_on = activity.end
                    activity.evidence_note = "Протокол"
                elif activity.start and activity.start <= today:
                    activity.status = Activity.Status.IN_PROGRESS
                activities.append(activity)
    activities = insert(activities)
    through = Activity.responsible.through
    org_of_roadmap = {r.pk: r.organization_id for r in roadmaps}
    stage_roadmap = {s.pk: s.roadmap_id for s in stages}
    links = []
    for activity in activities:
        people = staff_ids.get(org_of_roadmap[stage_roadmap[activity.stage_id]], [])
        if people:
            links.append(through(activity_id=activity.pk, person_id=rng.choice(people[:10])))
    insert(links)


def _add_measured_activities(roadmap: Roadmap) -> None:
    """Activities whose KPI the application computes: class hours from attendance, and the
    training of mentors from the sessions of their group."""
    training = Activity.objects.get(stage__roadmap=roadmap, title__startswith="Обучение наставников")
    training.kpi = "Не менее 3 занятий для каждой группы наставников"
    training.apply_kpi_text()
    training.save()
    stage = roadmap.stages.get(number=7)
    class_hours = Activity(
        stage=stage,
        position=stage.activities.count() + 1,
        number=f"7.{stage.activities.count() + 1}",
        title="Тематические классные часы о наставничестве «ученик – ученик»",
        responsible_roles="Классные руководители",
        expected_result="Проведены классные часы",
        kpi="Не менее 90 % обучающихся приглашённых классов",
    )
    class_hours.apply_kpi_text()
    class_hours.apply_deadline(parse_deadline("в течение учебного года", roadmap.year_start))
    class_hours.save()
