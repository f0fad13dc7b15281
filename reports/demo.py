"""Demo orders of the demo school: signed orders of every kind, and one awaiting signature."""

from __future__ import annotations

import random
from datetime import date

from django.utils import timezone

from people.models import AcademicYear, Organization, Person, User
from reports import actions
from reports.models import Order, OrderPerson


def _sign(order: Order, curator: User, director: User, on: date) -> Order:
    actions.order_submit(order, actor=curator)
    return actions.order_sign(order, actor=director, on=min(on, timezone.localdate()))


def seed_demo(org: Organization, rng: random.Random) -> None:
    """Idempotent: each kind of order is seeded once, in date order so numbers run with dates."""
    done = set(Order.objects.filter(organization=org).values_list("kind", flat=True))
    curator = User.objects.get(username="curator")
    director = User.objects.get(username="director")
    current = AcademicYear.objects.current()
    previous = AcademicYear.objects.get_or_create(start_year=current.start_year - 1)[0]
    if Order.Kind.LAUNCH not in done:
        curator_person = Person.objects.get(organization=org, user=curator)
        for year in (previous, current):
            order = actions.order_draft(
                org,
                Order.Kind.LAUNCH,
                actor=curator,
                people=[curator_person],
                role=OrderPerson.Role.CURATOR,
                academic_year=year,
            )
            _sign(order, curator, director, date(year.start_year, 8, 29))
    if Order.Kind.REWARD not in done:
        _seed_rewards(org, rng, curator, director, previous, current)
    _seed_pair_orders(org, done, curator, director, current)


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
    from pairs.models import Pair

    pairs = Pair.objects.filter(organization=org).select_related("program").order_by("planned_start", "pk")
    active = [p for p in pairs if p.status == Pair.Status.ACTIVE and p.mentor_consent_on]
    with_program = [p for p in active if hasattr(p, "program")]
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
    for kind, chosen, on in plan:
        if kind in done or not chosen:
            continue
        order = actions.order_draft(org, kind, actor=curator, pairs=chosen, academic_year=current)
        _sign(order, curator, director, on)
