"""The municipal level: municipalities, the coordinator's membership, what it sees and may do."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people import access
from people.models import Membership, Municipality, Person
from people.tests.factories import MunicipalityFactory, OrganizationFactory, UserFactory
from reports.orders.models import Order
from reports.orders.tests.factories import launch_order
from roadmap.models import Roadmap
from roadmap.tests.factories import ApprovedRoadmapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(world):
    """A second school of the coordinator's municipality."""
    return OrganizationFactory(short_name="Школа В", municipality=world.org.municipality)


def test_oktmo_is_8_or_11_digits():
    municipality = Municipality(name="Городской округ", short_name="Округ", oktmo="1970100")
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "Код ОКТМО — 8 или 11 цифр." in error.value.message_dict["oktmo"]
    for good in ("19701000", "19701000001", ""):
        Municipality(name=f"Округ {good}", short_name="Округ", oktmo=good).full_clean()


@pytest.mark.parametrize(
    "fields",
    [
        {"role": "coordinator"},  # bound to nothing
        {"role": "coordinator", "with_org": True, "with_municipality": True},  # to both
        {"role": "curator", "with_org": True, "with_municipality": True},  # a school role with a municipality
        {"role": "admin", "with_municipality": True},
    ],
)
def test_membership_binding_is_checked_by_the_database(world, fields):
    user = UserFactory()
    membership = Membership(
        user=user,
        role=fields["role"],
        organization=world.org if fields.get("with_org") else None,
        municipality=world.org.municipality if fields.get("with_municipality") else None,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_coordinator_holds_its_role_in_each_school_of_its_municipality(world, neighbour):
    coordinator = world.users["coordinator"]
    assert access.roles_in(coordinator, world.org.pk) == {"coordinator"}
    assert access.roles_in(coordinator, neighbour.pk) == {"coordinator"}
    assert access.roles_in(coordinator, world.other_org.pk) == set()
    assert access.coordinated_municipalities(coordinator) == {world.org.municipality_id}
    assert set(access.visible_organizations(coordinator)) == {world.org, neighbour}
    assert not access.has_global_admin(coordinator)


def test_a_school_added_to_the_municipality_becomes_visible(world):
    coordinator = world.users["coordinator"]
    school = OrganizationFactory(municipality=world.org.municipality)
    access.forget(coordinator)
    assert school.pk in access.organization_ids(coordinator)


def test_coordinator_of_an_empty_municipality_sees_nothing():
    user = UserFactory()
    Membership.objects.create(user=user, municipality=MunicipalityFactory(), role="coordinator")
    assert access.organization_ids(user) == set()
    assert not Roadmap.objects.visible_to(user).exists()


def test_coordinator_reads_roadmaps_and_orders_of_its_municipality_only(world, neighbour):
    coordinator = world.users["coordinator"]
    own = ApprovedRoadmapFactory(organization=world.org)
    neighbours = ApprovedRoadmapFactory(organization=neighbour)
    ApprovedRoadmapFactory(organization=world.other_org)
    assert set(Roadmap.objects.visible_to(coordinator)) == {own, neighbours}
    order = launch_order(world.org, world.staff)
    launch_order(world.other_org, world.other_person)
    assert list(Order.objects.visible_to(coordinator)) == [order]


def test_coordinator_acts_on_nothing_and_reads_no_registry(world):
    coordinator = world.users["coordinator"]
    ApprovedRoadmapFactory(organization=world.org)
    assert not Roadmap.objects.visible_to(coordinator, "manage").exists()
    assert not Order.objects.visible_to(coordinator, "manage").exists()
    assert not Person.objects.visible_to(coordinator).exists()
    for perm in ("people.view_person_list", "people.manage_banks", "orders.add_order", "orders.view_order"):
        assert not coordinator.has_perm(perm, world.org), perm
    assert coordinator.has_perm("monitoring.view_statistics", world.org)
    assert not coordinator.has_perm("monitoring.view_statistics", world.other_org)


@pytest.mark.parametrize(
    "role,bind,field,message",
    [
        ("coordinator", {}, "municipality", "Укажите муниципалитет муниципального координатора."),
        ("coordinator", {"org": True, "mun": True}, "organization", "Муниципальный координатор привязан"),
        ("curator", {"mun": True}, "organization", "Укажите организацию, в которой действует роль."),
        ("curator", {"org": True, "mun": True}, "municipality", "только для муниципального координатора"),
        ("admin", {"mun": True}, "municipality", "Администратор системы не привязан к муниципалитету"),
    ],
)
def test_the_admin_form_explains_a_wrong_binding_in_russian(world, role, bind, field, message):
    membership = Membership(
        user=UserFactory(),
        role=role,
        organization=world.org if bind.get("org") else None,
        municipality=world.org.municipality if bind.get("mun") else None,
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean(validate_unique=False, validate_constraints=False)
    assert message in " ".join(error.value.message_dict[field])
    assert not Membership.objects.filter(user=membership.user).exists()


def test_a_right_binding_passes_the_form(world):
    Membership(user=UserFactory(), role="coordinator", municipality=world.org.municipality).full_clean()
    Membership(user=UserFactory(), role="mentor", organization=world.org).full_clean()
