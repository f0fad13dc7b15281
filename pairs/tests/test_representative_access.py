"""The законный представитель sees their child's pair, programme and meetings, gives feedback for
a child under 14, and loses all of it when the child's consent is withdrawn or the child leaves
the programme (issue 19)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs import actions
from pairs.models import Feedback, Pair
from pairs.tests.factories import consenting_mentor, give_consent, log_meeting, make_pair, plan_meeting
from people.actions import consent_withdraw, mentee_change_status
from people.models import Membership, Person, represented_students
from people.tests.factories import MenteeFactory, RepresentativeFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db

FEEDBACK = {"usefulness": 8, "comfort": 9, "clarity": 7, "what_worked": "разобрали задачи"}


def _family(org, *, born: date, username: str = "mama"):
    """A student mentee in an active pair, with a valid consent and a parent with an account."""
    child = StudentFactory(organization=org, birth_date=born)
    mentee = MenteeFactory(person=child, category="motivated", status="waiting")
    give_consent(child)
    mentor = consenting_mentor(org)
    pair = make_pair(org, [mentor], [mentee], status=Pair.Status.ACTIVE)
    actions.program_create_from_template(pair, "young_teacher", actor=None)
    user = UserFactory(username=username)
    Membership.objects.create(user=user, organization=org, role="representative")
    RepresentativeFactory(student=child, user=user)
    return user, child, pair


def _young() -> date:
    return timezone.localdate() - timedelta(days=365 * 10)


def test_parent_sees_the_child_pair_programme_and_meetings(world, login):
    user, child, pair = _family(world.org, born=_young())
    meeting = log_meeting(pair)
    client = login(user)
    my = client.get(reverse("pairs:my_pairs"))
    assert my.status_code == 200 and child.last_name in my.content.decode()
    page = client.get(reverse("pairs:pair_detail", args=[pair.uuid]))
    assert page.status_code == 200 and meeting.topic in page.content.decode()
    # The categories of the mentees (ОВЗ, трудная жизненная ситуация) are not for parents' eyes.
    assert child.mentee.get_category_display() not in page.content.decode()
    assert client.get(reverse("pairs:program_pdf", args=[pair.uuid])).status_code == 200
    assert client.get(reverse("pairs:meetings_pdf", args=[pair.uuid])).status_code == 200


def test_parent_may_not_change_the_pair_or_log_meetings(world, login):
    user, _, pair = _family(world.org, born=_young())
    client = login(user)
    assert client.get(reverse("pairs:pair_edit", args=[pair.uuid])).status_code == 403
    assert client.get(reverse("pairs:meeting_new", args=[pair.uuid])).status_code == 403


def test_parent_does_not_see_another_childs_pair_nor_another_schools(world, login):
    user, _, _ = _family(world.org, born=_young())
    _, _, other_pair = _family(world.org, born=_young(), username="papa")
    _, _, far_pair = _family(world.other_org, born=_young(), username="far")
    client = login(user)
    assert client.get(reverse("pairs:pair_detail", args=[other_pair.uuid])).status_code == 404
    assert client.get(reverse("pairs:pair_detail", args=[far_pair.uuid])).status_code == 404
    assert set(Pair.objects.visible_to(user)) == set(Pair.objects.of_children(user))


def test_parent_gives_feedback_for_a_child_under_14(world, login):
    user, child, pair = _family(world.org, born=_young())
    meeting = log_meeting(pair)
    client = login(user)
    url = reverse("pairs:feedback_new", args=[meeting.uuid])
    assert client.get(url).status_code == 200
    assert client.post(url, FEEDBACK).status_code == 302
    feedback = Feedback.objects.get(meeting=meeting)
    assert feedback.person == child and feedback.usefulness == 8


def test_a_child_of_14_gives_their_own_feedback(world, login):
    user, _, pair = _family(world.org, born=timezone.localdate() - timedelta(days=365 * 15))
    meeting = log_meeting(pair)
    assert login(user).get(reverse("pairs:feedback_new", args=[meeting.uuid])).status_code == 403


def test_no_feedback_for_a_planned_meeting_even_by_the_parent(world, login):
    user, _, pair = _family(world.org, born=_young())
    meeting = plan_meeting(pair)
    client = login(user)
    client.post(reverse("pairs:feedback_new", args=[meeting.uuid]), FEEDBACK)
    assert not Feedback.objects.filter(meeting=meeting).exists()


def test_withdrawn_consent_ends_the_parents_access_and_login(world, login):
    user, child, pair = _family(world.org, born=_young())
    client = login(user)
    assert client.get(reverse("pairs:pair_detail", args=[pair.uuid])).status_code == 200
    consent_withdraw(child, actor=world.users["curator"])
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password() and user.first_name == ""
    assert not Membership.objects.filter(user=user).exists()
    assert client.get(reverse("pairs:pair_detail", args=[pair.uuid])).status_code == 302  # to login


def test_parent_of_two_keeps_the_other_child_when_one_consent_is_withdrawn(world, login):
    user, child, _ = _family(world.org, born=_young())
    second = StudentFactory(organization=world.org, birth_date=_young())
    MenteeFactory(person=second, category="motivated")
    give_consent(second)
    RepresentativeFactory(student=second, user=user)
    consent_withdraw(child, actor=world.users["curator"])
    user.refresh_from_db()
    assert user.is_active
    from people import access

    access.forget(user)
    assert list(represented_students(user)) == [second]


def test_leaving_the_programme_ends_the_parents_view_at_once(world, login):
    user, child, pair = _family(world.org, born=_young())
    actions.pair_terminate(pair, reason="переезд", actor=None)
    mentee = child.mentee
    mentee.refresh_from_db()
    mentee_change_status(mentee, "unpaired", actor=None)
    mentee_change_status(mentee, "removed", actor=None)
    assert login(user).get(reverse("pairs:pair_detail", args=[pair.uuid])).status_code == 404


def test_an_expired_consent_ends_the_parents_view(world, login):
    user, child, pair = _family(world.org, born=_young())
    child.consents.update(valid_until=timezone.localdate() - timedelta(days=1))
    assert login(user).get(reverse("pairs:pair_detail", args=[pair.uuid])).status_code == 404
    assert not Person.objects.filter(pk=child.pk).filter(pk__in=represented_students(user)).exists()


def test_my_pairs_query_count_does_not_grow_with_children(world, login, django_assert_max_num_queries):
    user, _, _ = _family(world.org, born=_young())
    client = login(user)
    client.get(reverse("pairs:my_pairs"))
    with django_assert_max_num_queries(25) as first:
        client.get(reverse("pairs:my_pairs"))
    for _ in range(3):
        child = StudentFactory(organization=world.org, birth_date=_young())
        mentee = MenteeFactory(person=child, category="motivated")
        give_consent(child)
        make_pair(world.org, [consenting_mentor(world.org)], [mentee], status=Pair.Status.ACTIVE)
        RepresentativeFactory(student=child, user=user)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(reverse("pairs:my_pairs"))
    assert len(page.context["pairs"]) == 4
