"""Demo pairs, groups, programmes, meetings and feedback.

The demo school gets a handful of pairs in every status, made through the same actions a curator
uses (so every invariant holds); generated schools get ~120 pairs and groups each with bulk inserts.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from django.utils import timezone

from mentoring.demo import surveys as survey_demo
from mentoring.demo.bulk import insert
from mentoring.lib import academic_year
from pairs import actions
from pairs.models import Feedback, Meeting, Pair, PairMentee, PairMentor, PlanItem, Program
from pairs.program_templates import TEMPLATES
from people.models import Mentee, Mentor, MentoringForm, MentoringType, Organization, Person, User

K = Meeting.Kind
TOPICS = {
    K.FIRST: "Знакомство, правила взаимодействия, ожидания сторон",
    K.SECOND: "Пробная работа: разбор урока и первые задачи",
    K.PLANNING: "Составление плана работы по программе",
    K.REGULAR: "Разбор текущих затруднений и выполнения плана",
    K.FINAL: "Подведение итогов работы по программе",
    K.REFLECTION: "Групповая рефлексия: что получилось, что дальше",
}
WORKED = ["Разобрали конкретный урок", "Получил понятный алгоритм", "Хорошая атмосфера", "Чёткий план"]
HARD = ["Не хватило времени", "Сложно найти общее время", "", "Много документации"]


def _mentors(org: Organization, kind: str) -> list[Mentor]:
    return list(
        Mentor.objects.filter(
            organization=org, person__kind=kind, status__in=[Mentor.Status.ACTIVE, Mentor.Status.TRAINED]
        )
        .with_valid_consent()
        .select_related("person")
        .order_by("id")
    )


def _mentees(org: Organization, kind: str) -> list[Mentee]:
    return list(
        Mentee.objects.filter(
            organization=org, person__kind=kind, status__in=[Mentee.Status.WAITING, Mentee.Status.UNPAIRED]
        )
        .with_valid_consent()
        .select_related("person")
        .order_by("id")
    )


def _meet(
    pair: Pair, kind: str, on: date, people: list[Person], rng: random.Random, feedback_from=()
) -> Meeting:
    meeting = Meeting.objects.create(
        pair=pair,
        kind=kind,
        status=Meeting.Status.HELD,
        date=on,
        duration_minutes=rng.choice([40, 45, 60]),
        format=rng.choice([Meeting.Format.IN_PERSON] * 3 + [Meeting.Format.REMOTE]),
        topic=TOPICS[kind],
        summary="Обсудили затруднения, наметили приёмы работы",
        next_steps="Подготовить материалы к следующей встрече",
    )
    meeting.attendees.set(people)
    for person in feedback_from:
        Feedback.objects.create(meeting=meeting, person=person, **_ratings(rng))
    return meeting


def _ratings(rng: random.Random) -> dict:
    return dict(
        usefulness=rng.randint(6, 10),
        comfort=rng.randint(6, 10),
        clarity=rng.randint(5, 10),
        what_worked=rng.choice(WORKED),
        what_was_hard=rng.choice(HARD),
    )


def _program(pair: Pair, key: str, done: int, status: str) -> Program:
    """A programme from a template, `done` items ticked; sent for approval unless a draft, and
    approved by the demo director when `status` is «утверждена». A programme left «на утверждении»
    of an active pair is approved by the demo order on programmes (demo.orders)."""
    program = actions.program_create_from_template(pair, key, actor=None)
    items = list(program.items.all())
    for item in items[:done]:
        item.done_on = min(item.deadline, timezone.localdate())
        item.evidence = item.reporting_form
        item.save(update_fields=["done_on", "evidence"])
    if status != Program.Status.DRAFT:
        program = actions.program_submit(program, actor=None)
    if status == Program.Status.APPROVED:
        director = User.objects.get(username="director")
        program = actions.program_approve(program, actor=director)
        # Approved when the pair began its work, not on the day the demo was seeded.
        started = Pair.objects.filter(pk=pair.pk).values_list("started_on", flat=True).get()
        Program.objects.filter(pk=program.pk).update(approved_on=started or pair.planned_start)
    return program


def seed_demo(org: Organization, rng: random.Random) -> None:
    """Pairs, then the surveys about them (each part idempotent on its own)."""
    _seed_pairs(org, rng)
    survey_demo.seed_demo(org, rng)


def _seed_pairs(org: Organization, rng: random.Random) -> None:
    """Pairs and a group of the demo school in every status; the demo mentor and mentee together."""
    if Pair.objects.filter(organization=org).exists():
        return
    today = timezone.localdate()
    forms = {f.name: f for f in MentoringForm.objects.all()}
    traditional = MentoringType.objects.filter(is_group=False).order_by("position").first()
    group = MentoringType.objects.filter(is_group=True).order_by("position").first()
    staff_mentors = _mentors(org, Person.Kind.STAFF)
    student_mentors = _mentors(org, Person.Kind.STUDENT)
    staff_mentees = _mentees(org, Person.Kind.STAFF)
    student_mentees = _mentees(org, Person.Kind.STUDENT)
    demo_mentor = next(m for m in staff_mentors if m.person.user and m.person.user.username == "mentor")
    demo_mentee = next(m for m in staff_mentees if m.person.user and m.person.user.username == "mentee")
    others = [m for m in staff_mentors if m.pk != demo_mentor.pk]
    young = [m for m in staff_mentees if m.pk != demo_mentee.pk]

    def create(mentors, mentees, form, type_, start: date, consent: bool = True) -> Pair:
        # A mentee waited for a mentor before the pair began, not after: the bank's random date
        # of the request is moved before the start.
        for mentee in mentees:
            if mentee.waiting_since is None or mentee.waiting_since >= start:
                mentee.waiting_since = start - timedelta(days=rng.randint(7, 30))
                Mentee.objects.filter(pk=mentee.pk).update(waiting_since=mentee.waiting_since)
        return actions.pair_create(
            organization=org,
            form=forms[form],
            type=type_,
            mentors=mentors,
            mentees=mentees,
            planned_start=start,
            planned_end=academic_year.classes_end(academic_year.start_year_of(today))
            + timedelta(days=0 if start < today else 30),
            mentor_consent_on=start - timedelta(days=3) if consent else None,
            capacity_override_reason="Групповая форма: занятия со всей группой одновременно"
            if len(mentees) > 1
            else "",
            actor=None,
        )

    # 1. The demo mentor and mentee: active, four meetings with feedback, the latest awaiting it.
    start = today - timedelta(days=60)
    pair = create([demo_mentor], [demo_mentee], "учитель – учитель", traditional, start)
    actions.pair_activate(pair, started_on=start, actor=None)
    _program(pair, "young_teacher", done=3, status=Program.Status.APPROVED)
    people = [demo_mentor.person, demo_mentee.person]
    for days, kind in [(55, K.FIRST), (45, K.SECOND), (35, K.PLANNING), (20, K.REGULAR)]:
        _meet(pair, kind, today - timedelta(days=days), people, rng, feedback_from=people)
    _meet(pair, K.REGULAR, today - timedelta(days=4), people, rng)
    # The next one is planned: it shows on the pair card, the home page and the calendar feed.
    planned = Meeting.objects.create(
        pair=pair,
        kind=K.REGULAR,
        date=today + timedelta(days=3),
        time=time(15, 30),
        place="каб. 214",
        topic="Подготовка к открытому уроку",
        agenda="Разбор конспекта урока, приёмы активизации класса",
    )
    planned.attendees.set(people)

    # 2. A completed pair with every kind of meeting and a programme done in full.
    start = today - timedelta(days=200)
    done_pair = create([others[0]], [young[0]], "учитель – учитель", traditional, start)
    actions.pair_activate(done_pair, started_on=start, actor=None)
    _program(
        done_pair,
        "difficulties",
        done=len(TEMPLATES["difficulties"].items),
        status=Program.Status.APPROVED,
    )
    people = [others[0].person, young[0].person]
    plan = [
        (190, K.FIRST),
        (180, K.SECOND),
        (170, K.PLANNING),
        (140, K.REGULAR),
        (100, K.REGULAR),
        (40, K.FINAL),
    ]
    for days, kind in plan:
        _meet(done_pair, kind, today - timedelta(days=days), people, rng, feedback_from=people)
    actions.pair_complete(
        done_pair,
        outcome=Pair.Outcome.ACHIEVED,
        outcome_text="Затруднения преодолены, проведён открытый урок",
        actor=None,
    )

    # 3. An active group: a teacher and three students, with a group reflection.
    teacher = others[1]
    start = today - timedelta(days=90)
    group_pair = create([teacher], student_mentees[:3], "учитель – ученик", group, start)
    actions.pair_activate(group_pair, started_on=start, actor=None)
    _program(group_pair, "student_iom", done=2, status=Program.Status.REVIEW)
    people = [teacher.person] + [m.person for m in student_mentees[:3]]
    for days, kind in [(85, K.FIRST), (75, K.SECOND), (65, K.PLANNING), (40, K.REGULAR), (15, K.REFLECTION)]:
        _meet(group_pair, kind, today - timedelta(days=days), people, rng, feedback_from=people[:2])

    # 4. A pupil-to-pupil pair in project status: mentor's consent not yet signed, its programme
    # awaiting the director's approval (on the director's home page).
    project = create(
        [student_mentors[0]], [student_mentees[3]], "ученик – ученик", traditional, today, consent=False
    )
    _program(project, "student_iom", done=0, status=Program.Status.REVIEW)

    # 5. A terminated pair: the mentee waits for a new mentor again.
    start = today - timedelta(days=120)
    stopped = create([others[2]], [young[1]], "учитель – учитель", traditional, start)
    actions.pair_activate(stopped, started_on=start, actor=None)
    _meet(stopped, K.FIRST, today - timedelta(days=110), [others[2].person, young[1].person], rng)
    actions.pair_terminate(
        stopped, reason="Наставник ушёл в длительный отпуск по уходу за ребёнком", actor=None
    )


def seed_organizations(orgs: list[Organization], rng: random.Random) -> None:
    """~120 pairs and groups per generated school, ~10 meetings a pair on average (none for projects,
    a few for terminated pairs), two feedbacks a meeting: the scale of issue 9 at 50 schools."""
    today = timezone.localdate()
    forms = {f.name: f for f in MentoringForm.objects.all()}
    traditional = MentoringType.objects.filter(is_group=False).order_by("position").first()
    group = MentoringType.objects.filter(is_group=True).order_by("position").first()
    plans = []  # (pair, mentor, mentees, status)
    for org in orgs:
        staff_mentors = _mentors(org, Person.Kind.STAFF)
        student_mentors = _mentors(org, Person.Kind.STUDENT)
        staff_mentees = _mentees(org, Person.Kind.STAFF)
        student_mentees = _mentees(org, Person.Kind.STUDENT)
        units = [([m], "учитель – учитель") for m in staff_mentees[:-3]]
        pool = student_mentees[:-4]
        while pool:
            size = 3 if len(units) % 8 == 0 and len(pool) >= 3 else 1
            chunk, pool = pool[:size], pool[size:]
            units.append((chunk, "учитель – ученик" if size > 1 else "ученик – ученик"))
        for n, (mentees, form_name) in enumerate(units):
            if form_name == "учитель – учитель" or len(mentees) > 1 or not student_mentors:
                mentor = staff_mentors[n % len(staff_mentors)]
                form_name = form_name if form_name != "ученик – ученик" else "учитель – ученик"
            else:
                mentor = student_mentors[n % len(student_mentors)]
            status = rng.choices(
                [Pair.Status.ACTIVE, Pair.Status.COMPLETED, Pair.Status.PROJECT, Pair.Status.TERMINATED],
                weights=[50, 20, 15, 15],
            )[0]
            start = today - timedelta(days=rng.randint(100, 240)) if status != Pair.Status.PROJECT else today
            ended = status in (Pair.Status.COMPLETED, Pair.Status.TERMINATED)
            pair = Pair(
                organization=org,
                form=forms[form_name],
                type=group if len(mentees) > 1 else traditional,
                status=status,
                planned_start=start,
                planned_end=start + timedelta(days=270),
                started_on=start if status != Pair.Status.PROJECT else None,
                ended_on=today - timedelta(days=rng.randint(1, 30)) if ended else None,
                end_reason="Наставляемый перевёлся в другую организацию"
                if status == Pair.Status.TERMINATED
                else "",
                outcome=rng.choice([Pair.Outcome.ACHIEVED, Pair.Outcome.PARTIAL])
                if status == Pair.Status.COMPLETED
                else "",
                mentor_consent_on=start - timedelta(days=5) if status != Pair.Status.PROJECT else None,
            )
            plans.append((pair, mentor, mentees, status))
    pairs = insert([p for p, *_ in plans])
    load: dict[int, int] = {}
    links_m, links_e, programs, meetings, attendance, mentee_status = [], [], [], [], [], {}
    waiting_again: dict[int, date] = {}
    for pair, (_, mentor, mentees, status) in zip(pairs, plans, strict=True):
        open_ = status in (Pair.Status.ACTIVE, Pair.Status.PROJECT)
        over = open_ and load.get(mentor.pk, 0) + len(mentees) > mentor.capacity
        if open_:
            load[mentor.pk] = load.get(mentor.pk, 0) + len(mentees)
        links_m.append(
            PairMentor(
                pair=pair,
                mentor=mentor,
                capacity_override_reason="Нагрузка согласована с наставником" if over else "",
            )
        )
        links_e.extend(PairMentee(pair=pair, mentee=m) for m in mentees)
        for m in mentees:
            if status == Pair.Status.TERMINATED:
                waiting_again[m.pk] = pair.ended_on  # waits for a new mentor since the pair ended
            mentee_status[m.pk] = {
                Pair.Status.COMPLETED: Mentee.Status.COMPLETED,
                Pair.Status.TERMINATED: Mentee.Status.WAITING,
            }.get(status, Mentee.Status.PAIRED)
        key = "young_teacher" if mentees[0].person.kind == Person.Kind.STAFF else "student_iom"
        programs.append((pair, key, status))
        if status == Pair.Status.PROJECT:
            continue
        kinds = [K.FIRST, K.SECOND, K.PLANNING] + [K.REGULAR] * rng.randint(9, 12)
        if status == Pair.Status.COMPLETED:
            kinds.append(K.FINAL)
        if len(mentees) > 1:
            kinds.append(K.REFLECTION)
        if status == Pair.Status.TERMINATED:
            kinds = kinds[: rng.randint(1, 4)]
        last = pair.ended_on or today
        step = max(1, (last - pair.started_on).days // (len(kinds) + 1))
        people = [mentor.person_id] + [m.person_id for m in mentees]
        for i, kind in enumerate(kinds):
            meeting = Meeting(
                pair=pair,
                kind=kind,
                status=Meeting.Status.HELD,
                date=pair.started_on + timedelta(days=step * (i + 1)),
                duration_minutes=rng.choice([40, 45, 60]),
                format=Meeting.Format.IN_PERSON if rng.random() < 0.8 else Meeting.Format.REMOTE,
                topic=TOPICS[kind],
                summary="Обсудили выполнение плана и затруднения",
                next_steps="Выполнить задания к следующей встрече",
            )
            meetings.append(meeting)
            attendance.append((meeting, people))
    insert(links_m)
    insert(links_e)
    insert(meetings)
    Through = Meeting.attendees.through
    insert([Through(meeting_id=m.pk, person_id=p) for m, people in attendance for p in people])
    insert(
        [Feedback(meeting=m, person_id=p, **_ratings(rng)) for m, people in attendance for p in people[:2]]
    )
    _bulk_programs(programs, rng, today)
    by_status: dict[str, list[int]] = {}
    for pk, status in mentee_status.items():
        by_status.setdefault(status, []).append(pk)
    for status, ids in by_status.items():
        Mentee.objects.filter(pk__in=ids).update(status=status, status_changed_at=timezone.now())
    by_day: dict[date, list[int]] = {}
    for pk, since in waiting_again.items():
        by_day.setdefault(since, []).append(pk)
    for since, ids in by_day.items():
        Mentee.objects.filter(pk__in=ids).update(waiting_since=since)


def _bulk_programs(programs, rng: random.Random, today: date) -> None:
    objects = insert(
        [
            Program(
                pair=pair,
                kind=TEMPLATES[key].kind,
                deficits=TEMPLATES[key].deficits,
                goals=TEMPLATES[key].goals,
                tasks=TEMPLATES[key].tasks,
                period_start=pair.planned_start,
                period_end=pair.planned_end,
                status=Program.Status.DRAFT if status == Pair.Status.PROJECT else Program.Status.APPROVED,
                approved_on=None if status == Pair.Status.PROJECT else pair.planned_start,
                # The generated schools' programmes were approved by their directors.
                approver_position=""
                if status == Pair.Status.PROJECT
                else pair.organization.director_position,
                approver_name=""
                if status == Pair.Status.PROJECT
                else pair.organization.director_signature_name,
            )
            for pair, key, status in programs
        ]
    )
    items = []
    for program, (pair, key, status) in zip(objects, programs, strict=True):
        template = TEMPLATES[key]
        n = len(template.items)
        for i, t in enumerate(template.items):
            deadline = pair.planned_start + timedelta(days=270 * (i + 1) // n)
            done = (
                status == Pair.Status.COMPLETED
                and rng.random() < 0.95
                or (status == Pair.Status.ACTIVE and deadline < today and rng.random() < 0.8)
            )
            items.append(
                PlanItem(
                    program=program,
                    position=i + 1,
                    content=t.content,
                    deadline=deadline,
                    expected_result=t.expected_result,
                    reporting_form=t.reporting_form,
                    done_on=min(deadline, today) if done else None,
                    evidence=t.reporting_form if done else "",
                )
            )
    insert(items)
