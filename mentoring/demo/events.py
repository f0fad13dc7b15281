"""Demo events of the demo school: the pedagogical council that accepted the roadmap (its protocol
is the one the roadmap's «ПРИНЯТО» cites), a held council with its protocol, a class hour of two
classes with their attendance, and a group of mentor training with three sessions."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from mentoring.lib import academic_year as years
from people.models import Organization, Person, User
from reports.events import actions
from reports.events.models import Event, Protocol

AGENDA = [
    {
        "title": "О реализации целевой модели наставничества в текущем учебном году",
        "heard": "Куратора программы наставничества о составе банков наставников и наставляемых "
        "и о сформированных наставнических парах.",
        "spoke": "Учителя, наставники молодых специалистов, о первых встречах пар.",
        "decided": "Принять информацию к сведению. Продолжить работу наставнических пар по "
        "персонализированным программам.",
    },
    {
        "title": "О дорожной карте реализации программы наставничества",
        "heard": "Заместителя директора по УВР о мероприятиях дорожной карты и сроках их выполнения.",
        "spoke": "",
        "decided": "Принять дорожную карту реализации программы наставничества на учебный год.",
    },
]


def seed_demo(org: Organization, rng: random.Random) -> None:
    """Idempotent: the council is seeded once per school, each upcoming event once by its title."""
    curator = Person.objects.get(organization=org, user=User.objects.get(username="curator"))
    _upcoming(org, curator)
    if Protocol.objects.filter(organization=org, kind=Event.Kind.TEACHERS_COUNCIL).exists():
        return
    director = Person.objects.filter(organization=org, user__username="director").first()
    staff = list(Person.objects.filter(organization=org, kind=Person.Kind.STAFF).order_by("pk")[:12])
    start = years.start_year_of(timezone.localdate())
    _roadmap_council(org, start, director or curator, curator, staff)
    day = min(date(start, 9, 5), timezone.localdate() - timedelta(days=1))
    event = actions.event_create(
        org,
        actor=None,
        kind=Event.Kind.TEACHERS_COUNCIL,
        title="Педагогический совет «Наставничество как ресурс профессионального роста»",
        starts_at=timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=15)),
        place="актовый зал",
        organizer=curator,
        people=staff,
    )
    absent = rng.choice(staff[1:]) if len(staff) > 1 else None
    actions.event_hold(event, actor=None, present={p.pk for p in staff if p != absent})
    actions.protocol_create(
        event, actor=None, date=day, chair=director or curator, secretary=curator, agenda=AGENDA
    )
    _class_hour(org, curator, rng)
    _training_group(org, curator)


def _upcoming(org: Organization, curator: Person) -> None:
    """Events ahead, in the invitees' calendars and notifications: a general meeting of the demo
    mentor's pairs, a round table of mentors, and a parents' meeting of the demo parent's class."""
    from pairs.models import Pair
    from people.models import LegalRepresentative, Mentor

    titles = set(Event.objects.filter(organization=org).values_list("title", flat=True))
    today = timezone.localdate()
    mentor_pairs = list(
        Pair.objects.filter(
            organization=org, status=Pair.Status.ACTIVE, pair_mentors__mentor__person__user__username="mentor"
        ).order_by("pk")
    )
    mentors = [
        m.person
        for m in Mentor.objects.filter(organization=org, status=Mentor.Status.ACTIVE)
        .select_related("person")
        .order_by("pk")[:8]
    ]
    # The parent the demo login «parent» is given to (`mentoring.demo._ensure_demo_parent`, run last).
    child = (
        LegalRepresentative.objects.filter(
            student__organization=org,
            student__anonymized_at__isnull=True,
            student__mentee__pair_links__pair__status=Pair.Status.ACTIVE,
            user__isnull=False,
        )
        .select_related("student")
        .order_by("pk")
        .first()
    )
    plans = [
        (
            Event.Kind.GENERAL_MEETING,
            "Промежуточные итоги работы наставнических пар",
            5,
            "актовый зал",
            {"pairs": mentor_pairs},
        ),
        (
            Event.Kind.ROUND_TABLE,
            "Как вовлечь молодого педагога в профессию: опыт наставников",
            12,
            "методический кабинет",
            {"people": mentors},
        ),
    ]
    if child and child.student.school_class:
        plans.append(
            (
                Event.Kind.PARENTS_MEETING,
                f"Наставничество для обучающихся {child.student.school_class} класса",
                8,
                f"кабинет {child.student.school_class} класса",
                {"classes": child.student.school_class},
            )
        )
    for kind, title, days, place, invited in plans:
        if title in titles or not any(invited.values()):
            continue
        actions.event_create(
            org,
            actor=None,
            kind=kind,
            title=title,
            starts_at=_at(today + timedelta(days=days), 16),
            place=place,
            organizer=curator,
            **invited,
        )


def _at(day: date, hour: int = 15) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def _roadmap_council(org: Organization, start: int, chair: Person, curator: Person, staff: list) -> None:
    """The August council that accepted the roadmap; the roadmap cites its protocol."""
    from roadmap.models import Roadmap

    roadmap = (
        Roadmap.objects.filter(organization=org, academic_year__start_year=start).order_by("-version").first()
    )
    if roadmap is None:
        return
    day = roadmap.protocol_date or date(start, 8, 28)
    event = actions.event_create(
        org,
        actor=None,
        kind=Event.Kind.TEACHERS_COUNCIL,
        title="Педагогический совет «О принятии дорожной карты реализации программы наставничества»",
        starts_at=_at(day),
        place="актовый зал",
        organizer=curator,
        people=staff,
    )
    actions.event_hold(event, actor=None, present={p.pk for p in staff})
    protocol = actions.protocol_create(
        event, actor=None, date=day, chair=chair, secretary=curator, agenda=AGENDA[1:]
    )
    # «ПРИНЯТО на заседании педагогического совета, протокол от … № …» names this protocol.
    Roadmap.objects.filter(pk=roadmap.pk).update(protocol_number=protocol.number, protocol_date=protocol.date)


def _class_hour(org: Organization, curator: Person, rng: random.Random) -> None:
    """A thematic class hour of two classes, with how many students of each came."""
    from django.db.models import Count

    classes = list(
        Person.objects.filter(organization=org, kind=Person.Kind.STUDENT)
        .exclude(school_class="")
        .values("school_class")
        .annotate(n=Count("pk"))
        .order_by("-n", "school_class")
        .values_list("school_class", "n")[:2]
    )
    if len(classes) < 2:
        return
    day = timezone.localdate() - timedelta(days=7)
    event = actions.event_create(
        org,
        actor=None,
        kind=Event.Kind.CLASS_HOUR,
        title="Классный час «Наставник рядом: как найти поддержку в школе»",
        starts_at=_at(day, 13),
        place="кабинеты классных руководителей",
        organizer=curator,
        classes=", ".join(name for name, _ in classes),
    )
    counts = {name: max(n - rng.randint(0, 2), 0) for name, n in classes}
    actions.event_hold(event, actor=None, present=set(), class_counts=counts)


def _training_group(org: Organization, curator: Person) -> None:
    """A group of mentors trained in three sessions; the interviewed mentors of it become trained."""
    from people.models import AcademicYear, Mentor

    mentors = list(
        Mentor.objects.filter(
            organization=org,
            status__in=[Mentor.Status.INTERVIEWED, Mentor.Status.ACTIVE, Mentor.Status.TRAINED],
        ).order_by("pk")[:4]
    )
    if not mentors:
        return
    group = actions.training_group_create(
        org,
        actor=None,
        title="Школа наставника: установочные занятия",
        academic_year=AcademicYear.objects.current(),
        mentors=mentors,
    )
    today = timezone.localdate()
    topics = [
        "Роль и задачи наставника",
        "Персонализированная программа наставничества",
        "Обратная связь и рефлексия",
    ]
    for number, topic in enumerate(topics):
        day = today - timedelta(days=40 - 14 * number)
        event = actions.training_session_plan(
            group,
            actor=None,
            title=topic,
            starts_at=_at(day),
            organizer=curator,
            place="методический кабинет",
        )
        actions.event_hold(event, actor=None, present={m.person_id for m in mentors})
    actions.training_group_complete(group, actor=None)
