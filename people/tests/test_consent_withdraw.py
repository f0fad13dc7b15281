"""Withdrawal of a consent: out of the banks, anonymized everywhere (audit history too), an act."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from mentoring.tests.pdf import pdf_text
from people import actions
from people.actions import consent_withdraw
from people.models import (
    Consent,
    ConsentEvent,
    DestructionAct,
    LegalRepresentative,
    LegalRepresentativeEvent,
    Mentee,
    Mentor,
    Person,
    PersonEvent,
)
from people.tests.factories import (
    ConsentFactory,
    MenteeFactory,
    MentorFactory,
    RepresentativeFactory,
    StudentFactory,
    UserFactory,
)


@pytest.fixture
def actor(db):
    return UserFactory(username="curator-x", first_name="Анна", last_name="Нечесова")


@pytest.fixture
def student(db):
    student = StudentFactory(
        last_name="Орлов", first_name="Егор", birth_date=date(2014, 3, 2), email="egor@example.ru"
    )
    rep = RepresentativeFactory(student=student, last_name="Орлова", phone="+7 911 222-33-44")
    consent = ConsentFactory(person=student, signer="representative", representative=rep)
    consent.scan.save("scan.pdf", ContentFile(b"%PDF-1.4 scan"), save=True)
    # An edit, so that the history holds an older readable copy than the current row.
    student.phone = "+7 900 555-66-77"
    student.save()
    return student


def test_withdrawal_anonymizes_the_person_and_the_representatives(student, actor):
    consent_withdraw(student, actor=actor)
    student.refresh_from_db()
    assert student.full_name == f"Участник № {student.pk}"
    assert (student.birth_date, student.email, student.phone) == (None, "", "")
    assert student.anonymized_at is not None
    rep = LegalRepresentative.objects.get(student=student)
    assert (rep.full_name, rep.phone) == ("Представитель", "")


def test_withdrawal_leaves_no_readable_copy_in_the_event_tables(student, actor):
    rep = student.representatives.get()
    assert PersonEvent.objects.filter(pgh_obj_id=student.pk, last_name="Орлов").exists()
    consent_withdraw(student, actor=actor)
    person_events = PersonEvent.objects.filter(pgh_obj_id=student.pk)
    assert person_events.count() >= 3
    assert not person_events.exclude(last_name=f"Участник № {student.pk}").exists()
    assert not person_events.exclude(phone="").exists()
    assert not person_events.filter(birth_date__isnull=False).exists()
    rep_events = LegalRepresentativeEvent.objects.filter(pgh_obj_id=rep.pk)
    assert rep_events.exists()
    assert set(rep_events.values_list("last_name", "phone")) == {("Представитель", "")}
    assert not ConsentEvent.objects.filter(person_id=student.pk).exclude(scan="").exists()


def test_withdrawal_dates_the_consents_and_deletes_the_scans(
    student, actor, django_capture_on_commit_callbacks
):
    consent = Consent.objects.get(person=student)
    storage, name = consent.scan.storage, consent.scan.name
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(student, actor=actor, withdrawn_on=date.today())
    consent.refresh_from_db()
    assert consent.withdrawn_on == date.today()
    assert consent.status == Consent.Status.WITHDRAWN
    assert not consent.scan
    assert not storage.exists(name)


def test_withdrawal_removes_the_person_from_both_banks_but_statistics_still_count_them(actor):
    mentor = MentorFactory(status=Mentor.Status.ACTIVE)
    ConsentFactory(person=mentor.person)
    mentee = MenteeFactory(person=mentor.person, status=Mentee.Status.WAITING)
    people_before = Person.objects.filter(organization=mentor.organization).count()
    consent_withdraw(mentor.person, actor=actor)
    mentor.refresh_from_db()
    mentee.refresh_from_db()
    assert mentor.status == Mentor.Status.INACTIVE
    assert mentee.status == Mentee.Status.REMOVED
    assert mentor.status_log.get().changed_by == actor
    assert Person.objects.filter(organization=mentor.organization).count() == people_before
    assert Mentor.objects.filter(organization=mentor.organization).count() == 1
    assert not Mentor.objects.with_valid_consent().filter(pk=mentor.pk).exists()


def test_a_paired_mentee_completes_on_withdrawal(actor):
    mentee = MenteeFactory(status=Mentee.Status.PAIRED)
    ConsentFactory(person=mentee.person)
    consent_withdraw(mentee.person, actor=actor)
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.COMPLETED


def test_withdrawal_produces_a_destruction_act_with_the_event_log(student, actor):
    act = consent_withdraw(student, actor=actor)
    assert act.number == 1
    assert act.events_count >= 4
    text = pdf_text(act.pdf.read())
    assert "АКТ" in text and "об уничтожении персональных данных" in text
    assert f"Участник № {student.pk}" in text
    assert "создание записи" in text and "законный представитель" in text
    assert "Орлов" not in text


def test_acts_are_numbered_within_the_organization(actor):
    first, second = (ConsentFactory() for _ in range(2))
    second.person.organization = first.person.organization
    second.person.save()
    consent_withdraw(first.person, actor=actor)
    assert consent_withdraw(second.person, actor=actor).number == 2


def test_nothing_is_anonymized_when_the_act_cannot_be_made(student, actor, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(actions, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        consent_withdraw(student, actor=actor)
    student.refresh_from_db()
    assert student.last_name == "Орлов"
    assert PersonEvent.objects.filter(pgh_obj_id=student.pk, last_name="Орлов").exists()
    assert not DestructionAct.objects.exists()
    assert Consent.objects.get(person=student).withdrawn_on is None


def test_withdrawing_twice_is_refused(student, actor):
    consent_withdraw(student, actor=actor)
    with pytest.raises(ValidationError, match="уже отозвано"):
        consent_withdraw(student, actor=actor)


def test_an_anonymized_person_cannot_reenter_a_bank(student, actor):
    consent_withdraw(student, actor=actor)
    with pytest.raises(ValidationError, match="обезличены"):
        actions.mentee_create(student, actor=actor, category=Mentee.Category.HIGHLY_MOTIVATED)


def _act_text(act) -> str:
    return pdf_text(act.pdf.read())


def test_the_act_names_what_was_destroyed_and_what_depersonalized_separately(student, actor):
    text = _act_text(consent_withdraw(student, actor=actor))
    destroyed, depersonalized = text.index("1. Уничтожены"), text.index("2. Обезличены")
    assert destroyed < text.index("скан-копии согласий (файлы удалены)") < depersonalized
    assert depersonalized < text.index("в журнале изменений обезличено")
    assert "путём обезличивания" not in text and "записей)" not in text


def test_the_log_extract_includes_the_destruction_itself_by_name_not_login(student, actor):
    from people.tests.factories import PersonFactory

    PersonFactory(
        organization=student.organization,
        user=actor,
        last_name="Нечесова",
        first_name="Анна",
        middle_name="Андреевна",
    )
    act = consent_withdraw(student, actor=actor)
    text = _act_text(act)
    extract = text[text.index("3. Выписка") :]
    assert f"уничтожение и обезличивание персональных данных (акт № {act.number})" in extract
    assert "Нечесова Анна Андреевна" in extract
    assert "curator-x" not in text
