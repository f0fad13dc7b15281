from __future__ import annotations

from datetime import date

from people.models import Organization, Person, User
from people.tests.factories import OrganizationFactory, PersonFactory, make_member
from reports.orders import actions
from reports.orders.models import Order, OrderPerson


def curator_of(org: Organization) -> User:
    user = User.objects.filter(memberships__organization=org, memberships__role="curator").first()
    return user or make_member(
        org, "curator", last_name="Нечесова", first_name="Анна", middle_name="Андреевна"
    )


def director_of(org: Organization) -> User:
    user = User.objects.filter(memberships__organization=org, memberships__role="director").first()
    return user or make_member(org, "director", last_name="Прохорова", first_name="Светлана")


def launch_order(org: Organization | None = None, curator: Person | None = None) -> Order:
    org = org or OrganizationFactory()
    curator = curator or PersonFactory(
        organization=org,
        last_name="Иванова",
        first_name="Мария",
        middle_name="Петровна",
        position="заместитель директора по УВР",
    )
    return actions.order_draft(
        org, Order.Kind.LAUNCH, actor=curator_of(org), people=[curator], role=OrderPerson.Role.CURATOR
    )


def reward_order(
    org: Organization | None = None, people: list[Person] | None = None, reward: str = "thanks"
) -> Order:
    org = org or OrganizationFactory()
    people = people or [PersonFactory(organization=org)]
    return actions.order_draft(
        org,
        Order.Kind.REWARD,
        actor=curator_of(org),
        people=people,
        role=OrderPerson.Role.REWARDED,
        person_fields={"reward": reward},
    )


def signed(order: Order, on: date | None = None) -> Order:
    actions.order_submit(order, actor=curator_of(order.organization))
    return actions.order_sign(order, actor=director_of(order.organization), on=on)
