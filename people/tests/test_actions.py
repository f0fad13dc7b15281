"""Bank workflows and consents: the rules of issue 3."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from people.actions import (
    consent_record,
    mentee_change_status,
    mentee_create,
    mentor_change_status,
    mentor_create,
)
from people.models import BankStatusChange, Consent, Mentee, Mentor
from people.tests.factories import (
    ConsentFactory,
    MentorFactory,
    PersonFactory,
    RepresentativeFactory,
    StudentFactory,
    UserFactory,
)

CONSENT_TEXT = dict(purposes="наставничество", data_list="ФИО", actions="хранение")


@pytest.fixture
def actor(db):
    return UserFactory(username="curator-x")


def test_mentor_create_logs_the_first_status(actor):
    mentor = mentor_create(PersonFactory(), actor=actor, capacity=3)
    assert mentor.status == Mentor.Status.CANDIDATE
    entry = BankStatusChange.objects.get(mentor=mentor)
    assert (entry.new_status, entry.changed_by) == ("candidate", actor)


def test_person_cannot_be_in_the_mentor_bank_twice(actor):
    person = PersonFactory()
    mentor_create(person, actor=actor)
    with pytest.raises(ValidationError):
        mentor_create(person, actor=actor)


def test_mentor_without_consent_cannot_become_active(actor):
    mentor = MentorFactory(status=Mentor.Status.TRAINED)
    with pytest.raises(ValidationError, match="согласия"):
        mentor_change_status(mentor, Mentor.Status.ACTIVE, actor=actor)
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.TRAINED
    assert not BankStatusChange.objects.filter(mentor=mentor).exists()


def test_mentor_with_expired_or_withdrawn_consent_cannot_become_active(actor):
    mentor = MentorFactory(status=Mentor.Status.TRAINED)
    ConsentFactory(person=mentor.person, valid_until=date.today() - timedelta(days=1))
    ConsentFactory(person=mentor.person, withdrawn_on=date.today())
    ConsentFactory(person=mentor.person, kind=Consent.Kind.DISSEMINATION)
    with pytest.raises(ValidationError):
        mentor_change_status(mentor, Mentor.Status.ACTIVE, actor=actor)


def test_mentor_with_valid_consent_becomes_active_and_the_change_is_attributed(actor):
    mentor = MentorFactory(status=Mentor.Status.TRAINED)
    ConsentFactory(person=mentor.person)
    mentor_change_status(mentor, Mentor.Status.ACTIVE, actor=actor, comment="прошёл обучение")
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.ACTIVE
    entry = mentor.status_log.get()
    assert (entry.old_status, entry.new_status, entry.changed_by, entry.comment) == (
        "trained",
        "active",
        actor,
        "прошёл обучение",
    )


def test_mentor_cannot_skip_the_interview(actor):
    mentor = MentorFactory(status=Mentor.Status.CANDIDATE)
    ConsentFactory(person=mentor.person)
    with pytest.raises(ValidationError, match="Нельзя перевести"):
        mentor_change_status(mentor, Mentor.Status.ACTIVE, actor=actor)


def test_mentee_waiting_needs_consent_and_sets_waiting_since(actor):
    mentee = mentee_create(PersonFactory(), actor=actor, category=Mentee.Category.NEW_EMPLOYEE)
    with pytest.raises(ValidationError):
        mentee_change_status(mentee, Mentee.Status.WAITING, actor=actor)
    ConsentFactory(person=mentee.person)
    mentee_change_status(mentee, Mentee.Status.WAITING, actor=actor)
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.WAITING
    assert mentee.waiting_since == date.today()
    assert [e.new_status for e in mentee.status_log.order_by("changed_at")] == ["application", "waiting"]


def test_consent_for_a_child_under_14_is_signed_by_a_representative(actor):
    child = StudentFactory(birth_date=date.today() - timedelta(days=365 * 10))
    with pytest.raises(ValidationError, match="младше 14"):
        consent_record(
            child, actor=actor, kind="processing", signed_on=date.today(), signer="self", **CONSENT_TEXT
        )
    rep = RepresentativeFactory(student=child)
    consent = consent_record(
        child, actor=actor, kind="processing", signed_on=date.today(), representative=rep, **CONSENT_TEXT
    )
    assert consent.signer == Consent.Signer.REPRESENTATIVE


def test_consent_for_a_minor_defaults_to_the_representative(actor):
    teen = StudentFactory(birth_date=date.today() - timedelta(days=365 * 16))
    with pytest.raises(ValidationError, match="законного представителя"):
        consent_record(teen, actor=actor, kind="processing", signed_on=date.today(), **CONSENT_TEXT)
    consent = consent_record(
        teen, actor=actor, kind="processing", signed_on=date.today(), signer="self", **CONSENT_TEXT
    )
    assert consent.signer == Consent.Signer.SELF


def test_representative_of_another_student_is_refused(actor):
    child = StudentFactory(birth_date=date.today() - timedelta(days=365 * 10))
    stranger = RepresentativeFactory()
    with pytest.raises(ValidationError, match="другому обучающемуся"):
        consent_record(
            child,
            actor=actor,
            kind="processing",
            signed_on=date.today(),
            representative=stranger,
            **CONSENT_TEXT,
        )


def test_support_of_a_waiting_mentee_is_logged_with_its_author(db):
    from people.actions import mentee_support_add
    from people.tests.factories import MenteeFactory

    curator = UserFactory()
    mentee = MenteeFactory(status=Mentee.Status.WAITING)
    action = mentee_support_add(mentee, actor=curator, on=date(2025, 10, 1), text="  консультация психолога ")
    assert (action.action, action.author) == ("консультация психолога", curator)
    with pytest.raises(ValidationError, match="Опишите, что сделано"):
        mentee_support_add(mentee, actor=curator, on=date(2025, 10, 1), text=" ")
    type(mentee.person).objects.filter(pk=mentee.person_id).update(anonymized_at=timezone.now())
    with pytest.raises(ValidationError, match="обезличены"):
        mentee_support_add(mentee, actor=curator, on=date(2025, 10, 2), text="звонок")
    assert mentee.support_actions.count() == 1
