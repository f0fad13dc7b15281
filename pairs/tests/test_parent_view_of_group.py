"""What a parent, a mentee and the staff read on the card of a group (issue 19, DESIGN §1): the
parent sees their own child by name and the group's size, not the other children, their feedback
or the curator's internal notes; the feedback marks are explained."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs.models import Feedback, Pair
from pairs.tests.factories import MentorFactory, give_consent, log_meeting, make_pair
from people.models import Membership
from people.tests.factories import MenteeFactory, RepresentativeFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db
OVERRIDE = "Групповая форма: занятия со всей группой одновременно"


def _child(org, last_name: str):
    child = StudentFactory(
        organization=org, last_name=last_name, birth_date=timezone.localdate() - timedelta(days=3650)
    )
    give_consent(child)
    return MenteeFactory(person=child, category="motivated", status="waiting")


@pytest.fixture
def group(world):
    """A group of three children with a meeting, each child's feedback, and a parent of the first."""
    mentees = [_child(world.org, name) for name in ("Зайцева", "Орлов", "Жукова")]
    mentor = MentorFactory(person=world.person_of("mentor"))
    give_consent(mentor.person)
    pair = make_pair(
        world.org, [mentor], mentees, status=Pair.Status.ACTIVE, capacity_override_reason=OVERRIDE
    )
    meeting = log_meeting(pair)
    for mark, mentee in enumerate(mentees, start=5):
        Feedback.objects.create(
            meeting=meeting, person=mentee.person, usefulness=mark, comfort=mark, clarity=mark
        )
    parent = UserFactory(username="mama")
    Membership.objects.create(user=parent, organization=world.org, role="representative")
    RepresentativeFactory(student=mentees[0].person, user=parent)
    return pair, mentees, parent


def _page(client, pair) -> str:
    response = client.get(reverse("pairs:pair_detail", args=[pair.uuid]))
    assert response.status_code == 200
    return response.text


def test_parent_sees_own_child_and_the_group_size_not_the_other_children(group, login):
    pair, (own, *others), parent = group
    text = _page(login(parent), pair)
    assert own.person.full_name in text
    assert own.person.short_name in text
    for other in others:
        assert other.person.last_name not in text
    assert "ещё 2 обучающихся" in text
    assert "всего в группе 3 наставляемых" in text
    # Only the own child's marks, not the other children's opinions.
    assert "5/5/5" in text and "6/6/6" not in text and "7/7/7" not in text


def test_parent_reads_no_internal_note_of_the_curator(group, login):
    pair, _, parent = group
    assert OVERRIDE not in _page(login(parent), pair)


def test_parent_sees_the_legend_of_the_feedback_marks(group, login):
    pair, _, parent = group
    text = _page(login(parent), pair)
    assert "польза/комфорт/ясность" in text
    assert "от 1 до 10" in text


def test_parent_list_and_dashboard_name_only_own_child(group, login):
    pair, (own, *others), parent = group
    client = login(parent)
    for url in (reverse("pairs:my_pairs"), reverse("dashboard")):
        text = client.get(url).text
        assert own.person.last_name in text
        assert "ещё 2 обучающихся" in text
        for other in others:
            assert other.person.last_name not in text


def test_mentor_sees_the_whole_group_but_not_the_internal_note(group, world, login):
    pair, mentees, _ = group
    text = _page(login(world.users["mentor"]), pair)
    for mentee in mentees:
        assert mentee.person.full_name in text
    assert OVERRIDE not in text


def test_curator_sees_the_whole_group_and_the_internal_note(group, world, login):
    pair, mentees, _ = group
    text = _page(login(world.users["curator"]), pair)
    for mentee in mentees:
        assert mentee.person.full_name in text
    assert OVERRIDE in text
    assert "ещё 2 обучающихся" not in text


def test_parent_of_another_school_gets_404(group, world, login):
    pair, _, _ = group
    stranger = UserFactory(username="far")
    Membership.objects.create(user=stranger, organization=world.other_org, role="representative")
    RepresentativeFactory(student=StudentFactory(organization=world.other_org), user=stranger)
    assert login(stranger).get(reverse("pairs:pair_detail", args=[pair.uuid])).status_code == 404


def test_parent_pages_do_not_grow_in_queries_with_the_group(
    group, world, login, django_assert_max_num_queries
):
    pair, _, parent = group
    client = login(parent)
    url = reverse("pairs:pair_detail", args=[pair.uuid])
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for name in ("Белов", "Чернов"):
        pair.pair_mentees.create(mentee=_child(world.org, name))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "ещё 4 обучающихся" in client.get(url).text


def test_parent_gets_no_document_naming_the_other_children(group, login):
    pair, _, parent = group
    client = login(parent)
    text = _page(client, pair)
    for name in ("program_pdf", "meetings_pdf", "meetings_xlsx"):
        url = reverse(f"pairs:{name}", args=[pair.uuid])
        assert url not in text
        assert client.get(url).status_code == 403


def test_mentor_still_gets_the_groups_documents(group, world, login):
    pair, _, _ = group
    client = login(world.users["mentor"])
    assert client.get(reverse("pairs:meetings_pdf", args=[pair.uuid])).status_code == 200
    assert reverse("pairs:meetings_xlsx", args=[pair.uuid]) in _page(client, pair)


def test_curator_who_is_a_parent_too_sees_the_whole_group_in_my_pairs_as_on_the_card(group, world, login):
    """«Мои пары» and the pair's card agree: staff who read the school's pairs see every child,
    whatever the pair is to them."""
    pair, mentees, _ = group
    curator = world.users["curator"]
    Membership.objects.create(user=curator, organization=world.org, role="representative")
    RepresentativeFactory(student=mentees[0].person, user=curator)
    client = login(curator)
    text = client.get(reverse("pairs:my_pairs")).text
    assert mentees[0].person.last_name in text
    for mentee in mentees[1:]:
        assert mentee.person.last_name in text
    assert "ещё 2 обучающихся" not in text
