"""The one scoping mechanism: `visible_to(user, action)` and `get_visible_or_404`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from mentoring.lib.scoping import get_visible_or_404
from pairs.models import Meeting, Pair
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair, world_pair
from people import roles
from people.models import Membership, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairs(world):
    """The world's pair (mentor and mentee users of school A are in it), a second pair of school A
    and a pair of school B."""
    other_org_pair = make_pair(
        world.other_org, [consenting_mentor(world.other_org)], [consenting_mentee(world.other_org)]
    )
    second = make_pair(world.org, [consenting_mentor(world.org)], [consenting_mentee(world.org)])
    return {"own": world_pair(world), "second": second, "other_org": other_org_pair}


def visible(user, action="view") -> set[str]:
    return set(Pair.objects.visible_to(user, action).values_list("organization__slug", flat=True).distinct())


@pytest.mark.parametrize("role", ["director", "curator"])
def test_staff_reader_sees_every_pair_of_own_school_only(world, pairs, role):
    found = set(Pair.objects.visible_to(world.users[role]))
    assert found == {pairs["own"], pairs["second"]}


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_participant_sees_own_pair_only(world, pairs, role):
    assert list(Pair.objects.visible_to(world.users[role])) == [pairs["own"]]


def test_curator_of_other_school_sees_only_that_school(world, pairs):
    assert list(Pair.objects.visible_to(world.other_curator)) == [pairs["other_org"]]


def test_anonymous_sees_nothing(pairs):
    assert not Pair.objects.visible_to(AnonymousUser()).exists()
    assert not Person.objects.visible_to(AnonymousUser()).exists()


def test_global_admin_sees_everything(world, pairs):
    assert Pair.objects.visible_to(world.users["admin"]).count() == Pair.objects.count() == 3


def test_action_scope_leaves_out_readers_and_own_records(world, pairs):
    """`manage` is the managers' only: the director reads but does not manage, and a mentor's own
    pair is theirs to see, not to manage."""
    assert visible(world.users["curator"], "manage") == {"school-a"}
    assert visible(world.users["director"], "manage") == set()
    assert visible(world.users["mentor"], "manage") == set()


def test_unknown_action_is_a_configuration_error(world):
    with pytest.raises(ImproperlyConfigured):
        Pair.objects.visible_to(world.users["curator"], "approve")


def test_scope_through_follows_the_parent(world, pairs):
    meeting = world.extra["meeting"]
    assert list(Meeting.objects.visible_to(world.users["mentee"])) == [meeting]
    assert not Meeting.objects.visible_to(world.other_curator).exists()


def test_person_sees_own_card_and_staff_reads_registry(world):
    mentee = world.users["mentee"]
    assert list(Person.objects.visible_to(mentee)) == [world.person_of("mentee")]
    assert world.other_person not in Person.objects.visible_to(world.users["curator"])
    assert world.student in Person.objects.visible_to(world.users["director"])


def test_coordinator_reads_through_the_municipality_of_the_record(world):
    """The coordinator's records are found through their organization's municipality (the
    organization path), so a school that joins or leaves the municipality follows at once."""
    from roadmap.models import Activity, Roadmap
    from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory

    coordinator = world.users["coordinator"]
    roadmap = ApprovedRoadmapFactory(organization=world.other_org)
    activity = ActivityFactory(stage=StageFactory(roadmap=roadmap))
    assert not Roadmap.objects.visible_to(coordinator).exists()
    world.other_org.municipality = world.org.municipality
    world.other_org.save()
    assert list(Roadmap.objects.visible_to(coordinator)) == [roadmap]
    assert list(Activity.objects.visible_to(coordinator)) == [activity]  # through the roadmap
    assert not Roadmap.objects.visible_to(coordinator, "manage").exists()
    assert not Pair.objects.visible_to(coordinator).exists()  # pairs are not for the coordinator


def test_role_sets_are_the_membership_roles():
    assert set(roles.ROLE_ORDER) == set(Membership.Role.values)
    # The municipal coordinator is bound to a municipality, not a member of a school; a parent
    # (законный представитель) is no member of the school either, but answers surveys.
    assert roles.RESPONDENTS | roles.MUNICIPAL == set(Membership.Role.values)
    assert roles.MEMBERS == set(Membership.Role.values) - roles.FAMILY - roles.MUNICIPAL
    assert not roles.MEMBERS & roles.MUNICIPAL
    assert roles.MANAGERS <= roles.STAFF_READERS


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_get_visible_or_404_returns_a_record_the_user_may_act_on(world, pairs):
    pair = pairs["own"]
    found = get_visible_or_404(_request(world.users["curator"]), Pair, "pairs.manage_pair", uuid=pair.uuid)
    assert found == pair


def test_get_visible_or_404_hides_another_schools_record(world, pairs):
    with pytest.raises(Http404):
        get_visible_or_404(_request(world.other_curator), Pair, "pairs.view_pair", uuid=pairs["own"].uuid)


def test_get_visible_or_404_hides_a_pair_that_is_not_yours(world, pairs):
    with pytest.raises(Http404):
        get_visible_or_404(
            _request(world.users["mentor"]), Pair, "pairs.view_pair", uuid=pairs["second"].uuid
        )


def test_get_visible_or_404_refuses_a_reader_who_may_not_act(world, pairs):
    with pytest.raises(PermissionDenied):
        get_visible_or_404(
            _request(world.users["director"]), Pair, "pairs.manage_pair", uuid=pairs["own"].uuid
        )


def test_get_visible_or_404_checks_the_permission_on_the_given_object(world, pairs):
    meeting = world.extra["meeting"]
    found = get_visible_or_404(
        _request(world.users["director"]),
        Meeting,
        "pairs.view_pair",
        perm_object=lambda m: m.pair,
        uuid=meeting.uuid,
    )
    assert found == meeting


def _everyone(world):
    # The world's «admin» is the global admin; a coordinator of each municipality, a parent.
    return [*world.users.values(), world.other_curator, world.other_coordinator]


@pytest.mark.parametrize("action", ["view", "manage"])
def test_visible_in_is_visible_to_within_the_organization(world, pairs, action):
    """The shortcut of the list pages gives the rows of `visible_to` for every user, school and
    action: the whole school for its staff, one's own pairs and card for a participant, nothing
    of another school."""
    from people.models import Mentee, Mentor

    for user in _everyone(world):
        for organization in (world.org, world.other_org):
            for model in (Pair, Person, Mentor, Mentee):
                expected = set(model.objects.visible_to(user, action).filter(organization=organization))
                assert set(model.objects.visible_in(user, organization, action)) == expected, (
                    user.username,
                    organization.slug,
                    model.__name__,
                )


def test_visible_in_leaves_out_the_subqueries_for_the_schools_staff(world, pairs):
    curator = world.users["curator"]
    assert "SELECT" not in str(Pair.objects.visible_in(curator, world.org).query).partition("WHERE")[2]
    assert "SELECT" not in str(Person.objects.visible_in(curator, world.org).query).partition("WHERE")[2]
    # Elsewhere the full conditions stay (the curator's own card would show in another school).
    elsewhere = str(Person.objects.visible_in(curator, world.other_org).query).partition("WHERE")[2]
    assert "user_id" in elsewhere
