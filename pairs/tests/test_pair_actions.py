from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pairs import actions
from pairs.models import Feedback, Meeting, Pair
from pairs.tests.factories import (
    MenteeFactory,
    MentorFactory,
    consenting_mentee,
    consenting_mentor,
    give_consent,
    log_meeting,
    make_pair,
)
from people.models import Mentee
from people.tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory()


def test_mentee_without_consent_cannot_enter_a_pair(org):
    mentor = consenting_mentor(org)
    mentee = MenteeFactory(person=PersonFactory(organization=org, last_name="Голубева", first_name="Ольга"))
    with pytest.raises(ValidationError) as exc:
        make_pair(org, [mentor], [mentee])
    assert (
        "Нет действующего согласия на обработку персональных данных: Голубева О.П." in exc.value.messages[0]
    )
    assert not Pair.objects.exists()
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.WAITING


def test_withdrawn_or_expired_consent_does_not_count(org):
    mentor = consenting_mentor(org)
    withdrawn = MenteeFactory(person=PersonFactory(organization=org))
    give_consent(withdrawn.person, withdrawn_on=timezone.localdate())
    expired = MenteeFactory(person=PersonFactory(organization=org))
    give_consent(expired.person, valid_until=timezone.localdate() - timedelta(days=1))
    for mentee in (withdrawn, expired):
        with pytest.raises(ValidationError, match="согласия"):
            make_pair(org, [mentor], [mentee])


def test_mentor_without_consent_cannot_enter_a_pair(org):
    mentor = MentorFactory(person=PersonFactory(organization=org))
    with pytest.raises(ValidationError, match="согласия"):
        make_pair(org, [mentor], [consenting_mentee(org)])


def test_mentor_over_capacity_needs_a_reason(org):
    mentor = consenting_mentor(org, capacity=1)
    make_pair(org, [mentor], [consenting_mentee(org)])
    second = consenting_mentee(org)
    with pytest.raises(ValidationError, match="Превышена допустимая нагрузка наставника .*уже 1 из 1"):
        make_pair(org, [mentor], [second])
    pair = make_pair(org, [mentor], [second], capacity_override_reason="Согласовано на МО")
    assert pair.pair_mentors.get().capacity_override_reason == "Согласовано на МО"


def test_closed_pairs_do_not_count_towards_load(org):
    mentor = consenting_mentor(org, capacity=1)
    make_pair(org, [mentor], [consenting_mentee(org)], status=Pair.Status.TERMINATED)
    make_pair(org, [mentor], [consenting_mentee(org)])  # no override needed


def test_group_counts_every_mentee_against_capacity(org):
    mentor = consenting_mentor(org, capacity=2)
    mentees = [consenting_mentee(org, student=True) for _ in range(3)]
    with pytest.raises(ValidationError, match="нагрузка"):
        make_pair(org, [mentor], mentees)
    pair = make_pair(org, [mentor], mentees, capacity_override_reason="групповые занятия")
    assert pair.is_group


def test_mentee_cannot_be_in_two_open_pairs(org):
    mentee = consenting_mentee(org)
    make_pair(org, [consenting_mentor(org)], [mentee])
    with pytest.raises(ValidationError, match="Уже состоят"):
        make_pair(org, [consenting_mentor(org)], [mentee])


def test_mentee_of_another_school_is_refused(org):
    other = consenting_mentee(OrganizationFactory())
    with pytest.raises(ValidationError, match="из этой организации"):
        make_pair(org, [consenting_mentor(org)], [other])


def test_mentee_statuses_follow_the_pair(org):
    mentee = consenting_mentee(org)
    pair = make_pair(org, [consenting_mentor(org)], [mentee])
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.PAIRED
    actions.pair_terminate(pair, reason="переезд", actor=None)
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.WAITING
    assert mentee.waiting_since == timezone.localdate()
    assert mentee.status_log.first().new_status == Mentee.Status.WAITING


def test_terminate_requires_reason(org):
    pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)])
    with pytest.raises(ValidationError, match="Укажите причину"):
        actions.pair_terminate(pair, reason="  ", actor=None)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.PROJECT


def test_activation_requires_mentor_written_consent(org):
    pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)], mentor_consent_on=None)
    with pytest.raises(ValidationError, match="письменного согласия наставника"):
        actions.pair_activate(pair, actor=None)


def test_completion_requires_final_meeting_and_its_feedback(org):
    mentee = consenting_mentee(org)
    pair = make_pair(org, [consenting_mentor(org)], [mentee], status=Pair.Status.ACTIVE)
    with pytest.raises(ValidationError, match="Не проведена заключительная встреча"):
        actions.pair_complete(pair, outcome=Pair.Outcome.ACHIEVED, actor=None)
    final = log_meeting(pair, Meeting.Kind.FINAL)
    with pytest.raises(ValidationError, match="Нет обратной связи"):
        actions.pair_complete(pair, outcome=Pair.Outcome.ACHIEVED, actor=None)
    Feedback.objects.create(meeting=final, person=mentee.person, usefulness=9, comfort=9, clarity=9)
    with pytest.raises(ValidationError, match="дал 1 из 2 участников"):
        actions.pair_complete(pair, outcome=Pair.Outcome.ACHIEVED, actor=None)
    mentor_person = pair.pair_mentors.get().mentor.person
    Feedback.objects.create(meeting=final, person=mentor_person, usefulness=8, comfort=8, clarity=8)
    with pytest.raises(ValidationError, match="оценку результата"):
        actions.pair_complete(pair, outcome="", actor=None)
    actions.pair_complete(pair, outcome=Pair.Outcome.PARTIAL, outcome_text="итоги", actor=None)
    pair.refresh_from_db()
    mentee.refresh_from_db()
    assert (pair.status, pair.outcome, mentee.status) == (
        Pair.Status.COMPLETED,
        Pair.Outcome.PARTIAL,
        Mentee.Status.COMPLETED,
    )


def test_meeting_only_for_active_pair_and_own_people(org):
    pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)])
    with pytest.raises(ValidationError, match="действующей"):
        log_meeting(pair)
    actions.pair_activate(pair, actor=None)
    with pytest.raises(ValidationError, match="только участники"):
        log_meeting(pair, attendees=[PersonFactory(organization=org)])


def test_activation_notice_ending_in_initials_has_one_period(org):
    from notifications.models import Notification
    from people.tests.factories import UserFactory

    mentor, mentee = consenting_mentor(org), consenting_mentee(org)
    pair = make_pair(org, [mentor], [mentee])
    mentee.person.user = UserFactory(email="mentee@example.ru")
    mentee.person.save(update_fields=["user"])
    actions.pair_activate(pair, actor=None)
    text = Notification.objects.get(recipient=mentee.person.user).text
    assert text.endswith(mentee.person.short_name) and mentee.person.short_name.endswith(".")
    assert not text.endswith("..")
