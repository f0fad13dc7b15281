"""Demo orders of the demo school: signed orders of every kind, and one awaiting signature."""

from __future__ import annotations

import random
from datetime import date, datetime, time

from django.utils import timezone

from people.models import AcademicYear, MentoringForm, Organization, Person, User
from reports.orders import actions
from reports.orders.models import Order, OrderPerson
from reports.publication import actions as publication_actions
from reports.publication.models import BestPractice, Material, NewsItem, PublicPage, Regulation


def _sign(order: Order, curator: User, director: User, on: date) -> Order:
    actions.order_submit(order, actor=curator)
    order = actions.order_sign(order, actor=director, on=min(on, timezone.localdate()))
    _approved_on_the_orders_day(order)
    return order


def _approved_on_the_orders_day(order: Order) -> None:
    """The demo signs its past orders today under their own dates: what an order approved is
    recorded as approved on that day too, as if the school had entered it then."""
    moment = timezone.make_aware(datetime.combine(order.date, time(12)))
    Regulation.objects.filter(order=order).update(approved_at=moment)


def seed_demo(org: Organization, rng: random.Random) -> None:
    """Idempotent: each kind of order is seeded once, in date order so numbers run with dates."""
    done = set(Order.objects.filter(organization=org).values_list("kind", flat=True))
    curator = User.objects.get(username="curator")
    director = User.objects.get(username="director")
    current = AcademicYear.objects.current()
    previous = AcademicYear.objects.get_or_create(start_year=current.start_year - 1)[0]
    # Orders are signed in the order of their dates: a number is the next of the calendar year,
    # so № 2 is never dated before № 1 (the previous year's reward, 29 May, before the launch, 29 August).
    if Order.Kind.LAUNCH not in done:
        _seed_launch(org, curator, director, previous, regulation=None)
    if Order.Kind.REWARD not in done:
        _seed_rewards(org, rng, curator, director, previous, current)
    if Order.Kind.LAUNCH not in done:
        _seed_launch(
            org, curator, director, current, regulation=_regulation_for_launch(org, curator, current)
        )
    _seed_pair_orders(org, done, curator, director, current)
    _seed_information(org, curator, director, current)
    if Order.Kind.OTHER not in done:
        _seed_other(org, curator, director, current)


def _seed_launch(org, curator, director, year, *, regulation) -> None:
    """The launch order of `year`: it approves exactly what awaits approval for its year."""
    from roadmap.models import Roadmap

    curator_person = Person.objects.get(organization=org, user=curator)
    roadmap = Roadmap.objects.filter(
        organization=org, academic_year=year, status=Roadmap.Status.REVIEW
    ).first()
    order = actions.order_draft(
        org,
        Order.Kind.LAUNCH,
        actor=curator,
        people=[curator_person],
        role=OrderPerson.Role.CURATOR,
        academic_year=year,
        roadmap=roadmap,
        approve={"regulations": [regulation] if regulation else []},
    )
    _sign(order, curator, director, date(year.start_year, 8, 29))


def _regulation_for_launch(org, curator, current):
    """The staff Положение accepted by the pedagogical council, for the current launch order."""
    if Regulation.objects.filter(organization=org, audience=Regulation.Audience.STAFF).exists():
        return None
    regulation = publication_actions.regulation_create(org, Regulation.Audience.STAFF, actor=curator)
    council = min(date(current.start_year, 8, 28), timezone.localdate())
    return publication_actions.regulation_submit(
        regulation, actor=curator, protocol_date=council, protocol_number="1"
    )


def _seed_other(org, curator, director, current) -> None:
    """A free-form order, typed as the curator types it in the form, signed last (today)."""
    from reports.orders.forms import OtherOrderForm

    form = OtherOrderForm(
        {
            "academic_year": str(current.start_year),
            "title": "О допуске обучающихся с ОВЗ к программам наставничества",
            "preamble": "В целях обеспечения доступности программ наставничества для обучающихся "
            "с ограниченными возможностями здоровья",
            "points": "Допустить обучающихся с ОВЗ к участию в программах наставничества по заявлению "
            "родителей (законных представителей).\n\nУтвердить порядок сопровождения обучающихся с ОВЗ "
            "в наставнических парах (приложение).\nОтветственный: куратор программы\nСрок: до 01.10."
            f"{current.start_year}",
            "appendices": "Порядок сопровождения обучающихся с ОВЗ\nСопровождение осуществляет "
            "педагог-психолог совместно с наставником; встречи проводятся не реже двух раз в месяц.",
            "people": [p.pk for p in Person.objects.filter(organization=org).staff().order_by("pk")[:3]],
        },
        organization=org,
    )
    if not form.is_valid():
        raise ValueError(f"demo free-form order: {form.errors.as_text()}")
    order = actions.order_draft(org, Order.Kind.OTHER, actor=curator, **form.draft_arguments())
    _sign(order, curator, director, timezone.localdate())


def _seed_rewards(org, rng, curator, director, previous, current) -> None:
    staff = list(Person.objects.filter(organization=org).staff().filter(user__isnull=True).order_by("pk"))
    students = list(Person.objects.filter(organization=org).students().order_by("pk"))
    reward = actions.order_draft(
        org,
        Order.Kind.REWARD,
        actor=curator,
        people=rng.sample(staff, 5) + rng.sample(students, 3),
        role=OrderPerson.Role.REWARDED,
        academic_year=previous,
        person_fields={"reward": OrderPerson.Reward.THANKS},
    )
    entries = list(reward.ordered_people())
    for entry in entries[3:5]:
        actions.order_person_update(
            entry, actor=curator, declined_name="", reward=OrderPerson.Reward.CERTIFICATE
        )
    for entry in entries[5:]:
        actions.order_person_update(entry, actor=curator, declined_name="", reward=OrderPerson.Reward.LETTER)
    _sign(reward, curator, director, date(previous.start_year + 1, 5, 29))
    pending = actions.order_draft(
        org,
        Order.Kind.REWARD,
        actor=curator,
        people=rng.sample(staff, 3),
        role=OrderPerson.Role.REWARDED,
        academic_year=current,
        params={"merit": "за подготовку и проведение методического дня наставников"},
        person_fields={"reward": OrderPerson.Reward.THANKS},
    )
    actions.order_submit(pending, actor=curator)


def _seed_pair_orders(org, done, curator, director, current) -> None:
    from pairs.models import Pair, Program

    pairs = Pair.objects.filter(organization=org).select_related("program").order_by("planned_start", "pk")
    active = [p for p in pairs if p.status == Pair.Status.ACTIVE and p.mentor_consent_on]
    # The order approves the programmes not yet approved (those the director approved stay so).
    with_program = [
        p for p in active if hasattr(p, "program") and p.program.status != Program.Status.APPROVED
    ]
    completed = [p for p in pairs if p.status == Pair.Status.COMPLETED]
    plan = [
        (Order.Kind.PAIRS, active, max((p.started_on for p in active), default=None)),
        (Order.Kind.PROGRAMS, with_program, max((p.started_on for p in with_program), default=None)),
        (
            Order.Kind.COMPLETION,
            completed,
            max((p.ended_on or p.planned_end for p in completed), default=None),
        ),
    ]
    today = timezone.localdate()
    plan = [(min(on, today), kind, chosen) for kind, chosen, on in plan if kind not in done and chosen]
    for on, kind, chosen in sorted(plan, key=lambda item: item[0]):  # numbers follow the dates
        order = actions.order_draft(org, kind, actor=curator, pairs=chosen, academic_year=current)
        _sign(order, curator, director, on)


# Information support: the Положение, the public page with news, the library, best practices ---

PAGE_DESCRIPTION = (
    "В школе действует целевая модель наставничества: опытные педагоги помогают молодым "
    "специалистам и коллегам, пришедшим на новую должность, а учителя и старшеклассники "
    "сопровождают обучающихся, которым нужна поддержка или которые готовы к большему.\n\n"
    "Каждая наставническая пара работает по персонализированной программе: цели и задачи "
    "определяются по профессиональным запросам наставляемого, а итоги подводятся в конце "
    "учебного года. Программа считается выполненной, если реализована не менее чем на 90 %.\n\n"
    "Стать наставником или наставляемым можно, заполнив анкету у куратора наставничества."
)
PAGE_CONTACTS = (
    "Куратор наставничества — заместитель директора по УВР, кабинет 204.\nТелефон: +7 (8172) 72-15-40"
)
TRAINING_MEMO = [
    "Установочная сессия для наставников проводится в начале учебного года. Её цель — познакомить "
    "наставников с целевой моделью наставничества, порядком работы пар и формами отчётности.",
    "Первая встреча с наставляемым — организационная: знакомство, обсуждение ожиданий, "
    "договорённость о формате и графике встреч.",
    "Вторая встреча — пробная рабочая: наставник и наставляемый выполняют первое совместное "
    "задание и уточняют профессиональные запросы (дефициты).",
    "Третья встреча — планирование: составляется персонализированная программа наставничества "
    "с конкретными мероприятиями, сроками и ожидаемыми результатами.",
    "Регулярные встречи проводятся не реже двух раз в месяц; после каждой встречи участники "
    "заполняют форму обратной связи.",
    "Заключительная встреча подводит итоги: что удалось, что осталось, какие материалы войдут "
    "в методическую копилку.",
]


def _memo_pdf(org: Organization, title: str, paragraphs: list[str]) -> bytes:
    from mentoring.lib.pdf import render_pdf

    return render_pdf("documents/memo.html", {"organization": org, "title": title, "paragraphs": paragraphs})


def _seed_information(org: Organization, curator: User, director: User, current: AcademicYear) -> None:
    """Idempotent: each part is seeded when missing."""
    from django.core.files.base import ContentFile

    today = timezone.localdate()
    if not Regulation.objects.filter(organization=org, audience=Regulation.Audience.STAFF).exists():
        regulation = publication_actions.regulation_create(org, Regulation.Audience.STAFF, actor=curator)
        launch = publication_actions.signed_launch_orders(org).first()
        council = min(date(current.start_year, 8, 28), today)
        publication_actions.regulation_submit(
            regulation, actor=curator, protocol_date=council, protocol_number="1"
        )
        if launch is not None and launch.date >= council:
            publication_actions.regulation_approve(regulation, actor=director, order=launch)
            _approved_on_the_orders_day(launch)
    PublicPage.objects.get_or_create(
        organization=org,
        defaults={
            "title": "Наставничество в МБОУ «СОШ № 7»",
            "description": PAGE_DESCRIPTION,
            "contacts": PAGE_CONTACTS,
            "is_published": True,
            "published_at": timezone.now(),
        },
    )
    mentor_person = Person.objects.filter(organization=org, user__username="mentor").first()
    if not NewsItem.objects.filter(organization=org).exists():
        _seed_news(org, curator, mentor_person, today)
    if not Material.objects.filter(organization=org).exists():
        form = MentoringForm.objects.filter(name="учитель – учитель").first()
        memo = Material(
            organization=org,
            title="Памятка наставнику: установочная сессия и первые встречи",
            description="Как построить первые встречи с наставляемым и составить персонализированную программу.",
            category=Material.Category.TRAINING,
            form=form,
            topic="установочная сессия",
            author=Person.objects.filter(organization=org, user=curator).first(),
            academic_year=current,
            file_type="pdf",
            file_name="Памятка наставнику.pdf",
            uploaded_by=curator,
        )
        content = _memo_pdf(org, memo.title, TRAINING_MEMO)
        memo.file_size = len(content)
        memo.file.save("memo.pdf", ContentFile(content), save=False)
        memo.save()
        Material.objects.create(
            organization=org,
            title="Методические рекомендации по внедрению целевой модели наставничества",
            description="Методические рекомендации Минпросвещения России для образовательных организаций.",
            category=Material.Category.METHODICAL,
            form=form,
            topic="целевая модель",
            academic_year=current,
            link="https://edu.gov.ru/",
            uploaded_by=curator,
        )
        Material.objects.create(
            organization=org,
            title="Открытый урок «Сочинение-рассуждение»: сценарий",
            description="Сценарий открытого урока, подготовленного наставляемой вместе с наставником.",
            category=Material.Category.PROGRAM,
            form=form,
            topic="русский язык",
            author=mentor_person,
            academic_year=current,
            link="https://example.ru/materials/open-lesson",
            uploaded_by=User.objects.filter(username="mentor").first(),
        )
    if not BestPractice.objects.filter(organization=org).exists():
        _seed_practices(org, curator)


def _seed_news(org: Organization, curator: User, mentor: Person | None, today: date) -> None:
    from datetime import datetime, time, timedelta

    def at(day: date):
        return timezone.make_aware(datetime.combine(day, time(10, 0)))

    mentor_line = (
        f"Опытом работы с молодыми специалистами поделилась наставник {mentor.full_name}."
        if mentor is not None
        else "Опытом работы с молодыми специалистами поделились наставники школы."
    )
    items = [
        (
            NewsItem.Kind.NEWS,
            "Утверждены положение о наставничестве и дорожная карта",
            "Педагогический совет принял, а директор утвердил положение о системе наставничества "
            "педагогических работников и дорожную карту на учебный год. Документы размещены на этой странице.",
            None,
            today - timedelta(days=60),
        ),
        (
            NewsItem.Kind.NEWS,
            "Прошла установочная сессия для наставников",
            "Наставники школы познакомились с целевой моделью наставничества, формами работы пар и "
            f"порядком обратной связи. {mentor_line}",
            None,
            today - timedelta(days=40),
        ),
        (
            NewsItem.Kind.NEWS,
            "Молодые педагоги провели открытые уроки",
            "По итогам работы наставнических пар молодые специалисты провели открытые уроки для коллег. "
            "Материалы уроков пополнили методическую копилку школы.",
            None,
            today - timedelta(days=12),
        ),
        (
            NewsItem.Kind.ANNOUNCEMENT,
            "Методический день наставников",
            "Приглашаем наставников и наставляемых на методический день: обмен опытом, лучшие практики, "
            "планирование работы на следующее полугодие.",
            today + timedelta(days=14),
            today - timedelta(days=2),
        ),
    ]
    for kind, title, body, event_date, published in items:
        NewsItem.objects.create(
            organization=org,
            kind=kind,
            title=title,
            body=body,
            event_date=event_date,
            is_published=True,
            published_at=at(published),
            author=curator,
        )


def _seed_practices(org: Organization, curator: User) -> None:
    from pairs.models import Pair

    pair = (
        Pair.objects.filter(organization=org, status=Pair.Status.COMPLETED)
        .for_list()
        .order_by("ended_on", "pk")
        .first()
    )
    if pair is not None:
        practice = publication_actions.practice_mark_pair(pair, actor=curator)
        practice.summary = (
            "Молодой педагог за учебный год преодолел затруднения в планировании уроков и работе с "
            "дисциплиной, провёл открытый урок для коллег. Программа выполнена полностью."
        )
        practice.is_public = True
        practice.save()
    memo = Material.objects.filter(organization=org, category=Material.Category.TRAINING).first()
    if memo is not None:
        practice = publication_actions.practice_mark_material(memo, actor=curator)
        practice.is_public = True
        practice.save()
