"""Demo orders of the demo school: signed orders of every kind built so far, and one awaiting signature."""

from __future__ import annotations

import random
from datetime import date

from people.models import AcademicYear, Organization, Person, User
from reports import actions
from reports.models import Order, OrderPerson


def _sign(order: Order, curator: User, director: User, on: date) -> Order:
    actions.order_submit(order, actor=curator)
    return actions.order_sign(order, actor=director, on=on)


def seed_demo(org: Organization, rng: random.Random) -> None:
    """Idempotent: the demo school gets its orders once."""
    if Order.objects.filter(organization=org).exists():
        return
    curator = User.objects.get(username="curator")
    director = User.objects.get(username="director")
    curator_person = Person.objects.get(organization=org, user=curator)
    current = AcademicYear.objects.current()
    previous = AcademicYear.objects.get_or_create(start_year=current.start_year - 1)[0]
    staff = list(Person.objects.filter(organization=org).staff().filter(user__isnull=True).order_by("pk"))
    students = list(Person.objects.filter(organization=org).students().order_by("pk"))

    def launch(year: AcademicYear) -> Order:
        return actions.order_draft(
            org,
            Order.Kind.LAUNCH,
            actor=curator,
            people=[curator_person],
            role=OrderPerson.Role.CURATOR,
            academic_year=year,
        )

    _sign(launch(previous), curator, director, date(previous.start_year, 8, 29))

    rewarded = rng.sample(staff, 5) + rng.sample(students, 3)
    reward = actions.order_draft(
        org,
        Order.Kind.REWARD,
        actor=curator,
        people=rewarded,
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

    _sign(launch(current), curator, director, date(current.start_year, 8, 29))

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
