"""The curator adds and corrects people and representatives; changes are kept in the history."""

from __future__ import annotations

from django.urls import reverse

from people.actions import consent_withdraw
from people.models import LegalRepresentative, Person, PersonEvent
from people.tests.factories import ConsentFactory

STUDENT = {
    "kind": "student",
    "last_name": "Козлов",
    "first_name": "Денис",
    "gender": "m",
    "birth_date": "2013-04-01",
    "school_class": "6 б",
}


def test_curator_adds_a_student_with_a_normalised_class(world, login):
    response = login(world.users["curator"]).post(reverse("people:person_create"), STUDENT)
    assert response.status_code == 302
    person = Person.objects.get(last_name="Козлов")
    assert (person.organization, person.school_class) == (world.org, "6Б")


def test_student_without_a_valid_class_is_refused(world, login):
    response = login(world.users["curator"]).post(
        reverse("people:person_create"), {**STUDENT, "school_class": "77"}
    )
    assert "Укажите класс" in response.content.decode()
    assert not Person.objects.filter(last_name="Козлов").exists()


def test_edit_is_recorded_in_the_history(world, login):
    client = login(world.users["curator"])
    data = {
        "kind": "staff",
        "last_name": "Сидорова",
        "first_name": "Анна",
        "gender": "f",
        "phone": "+7 900 1",
    }
    client.post(reverse("people:person_edit", args=[world.staff.uuid]), data)
    assert PersonEvent.objects.filter(
        pgh_obj_id=world.staff.pk, pgh_label="update", phone="+7 900 1"
    ).exists()


def test_curator_adds_a_representative(world, login):
    url = reverse("people:representative_add", args=[world.student.uuid])
    data = {"last_name": "Смирнова", "first_name": "Ольга", "relation": "mother", "phone": "+7 900 2"}
    assert login(world.users["curator"]).post(url, data).status_code == 302
    assert LegalRepresentative.objects.filter(
        student=world.student, last_name="Смирнова", first_name="Ольга", phone="+7 900 2"
    ).exists()


def test_representatives_are_only_for_students(world, login):
    url = reverse("people:representative_add", args=[world.staff.uuid])
    assert login(world.users["curator"]).get(url).status_code == 404


def test_anonymized_person_cannot_be_edited(world, login):
    ConsentFactory(person=world.staff)
    consent_withdraw(world.staff, actor=world.users["curator"])
    url = reverse("people:person_edit", args=[world.staff.uuid])
    assert login(world.users["curator"]).get(url).status_code == 404


def test_curator_of_other_school_cannot_edit(world, login):
    url = reverse("people:person_edit", args=[world.staff.uuid])
    assert login(world.other_curator).get(url).status_code == 404
