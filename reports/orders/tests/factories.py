from __future__ import annotations

from datetime import date

from people.models import AcademicYear, Organization, Person, User
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


def review_roadmap(org: Organization):
    """The organization's roadmap of the current year awaiting approval (made if there is none)."""
    from roadmap.models import Roadmap
    from roadmap.tests.factories import RoadmapFactory, StageFactory

    year = AcademicYear.objects.current()
    roadmap = Roadmap.objects.filter(
        organization=org, academic_year=year, status__in=[Roadmap.Status.DRAFT, Roadmap.Status.REVIEW]
    ).first()
    if roadmap is None:
        roadmap = RoadmapFactory(
            organization=org, academic_year=year, status=Roadmap.Status.REVIEW, protocol_number="3"
        )
        StageFactory(roadmap=roadmap)
    return roadmap


def launch_order(
    org: Organization | None = None,
    curator: Person | None = None,
    *,
    roadmap=True,
    regulations: list = (),
    appoint: bool = True,
) -> Order:
    """A launch order appointing `curator` and approving the roadmap awaiting approval (`roadmap=True`,
    made if needed; `None` for none) and the given versions of the Положение."""
    org = org or OrganizationFactory()
    curator = curator or PersonFactory(
        organization=org,
        last_name="Иванова",
        first_name="Мария",
        middle_name="Петровна",
        position="заместитель директора по УВР",
    )
    return actions.order_draft(
        org,
        Order.Kind.LAUNCH,
        actor=curator_of(org),
        people=[curator] if appoint else [],
        role=OrderPerson.Role.CURATOR,
        roadmap=review_roadmap(org) if roadmap is True else roadmap,
        approve={"regulations": list(regulations)},
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
