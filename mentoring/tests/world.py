"""The shared test world: two schools of two municipalities and a user of every role in the first.

`alice`-style naming from healthchecks: every role of school A (its municipality's coordinator
included), and a curator and the municipal coordinator of school B to check that nothing crosses
the border between organizations or municipalities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from people.models import Membership, Organization, Person, User
from people.tests.factories import (
    MunicipalityFactory,
    OrganizationFactory,
    PersonFactory,
    RepresentativeFactory,
    StudentFactory,
    UserFactory,
    make_member,
)

ROLES = ["admin", "director", "curator", "mentor", "mentee", "coordinator"]
# законный представитель (issue 19): the parent of `student`, with an account of that role.
REPRESENTATIVE = "representative"


@dataclass
class World:
    org: Organization
    other_org: Organization
    users: dict[str, User]
    other_curator: User
    other_coordinator: User
    staff: Person
    student: Person
    other_person: Person
    extra: dict = field(default_factory=dict)

    def person_of(self, role: str) -> Person:
        return Person.objects.get(user=self.users[role], organization=self.org)


def build_world() -> World:
    org = OrganizationFactory(
        slug="school-a", short_name="Школа А", municipality=MunicipalityFactory(short_name="Округ А")
    )
    other = OrganizationFactory(
        slug="school-b", short_name="Школа Б", municipality=MunicipalityFactory(short_name="Округ Б")
    )
    users = {role: make_member(org, role, username=role) for role in ROLES}
    other_curator = make_member(other, "curator", username="other-curator")
    student = StudentFactory(organization=org)
    users[REPRESENTATIVE] = UserFactory(username=REPRESENTATIVE)
    Membership.objects.create(user=users[REPRESENTATIVE], organization=org, role=REPRESENTATIVE)
    RepresentativeFactory(student=student, user=users[REPRESENTATIVE])
    return World(
        org=org,
        other_org=other,
        users=users,
        other_curator=other_curator,
        other_coordinator=make_member(other, "coordinator", username="other-coordinator"),
        staff=PersonFactory(organization=org, last_name="Сидорова"),
        student=student,
        other_person=PersonFactory(organization=other, last_name="Чужая"),
    )
