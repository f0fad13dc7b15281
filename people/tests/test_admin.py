"""The Django admin edits reference lists, organizations, users and memberships only; participants,
consents, banks, roadmaps and pairs change through the app's actions, so the admin only shows them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs.tests.factories import consenting_mentor, world_pair
from people.models import MentoringForm, Person, User
from people.tests.factories import ConsentFactory, MentorFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(world, login):
    # A superuser, as `createsuperuser` makes in the README: every model permission is granted,
    # so what is refused below is refused by the admin classes themselves.
    user = world.users["admin"]
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return login(user)


def test_withdrawing_a_consent_in_the_admin_is_refused(world, admin_client):
    consent = ConsentFactory(person=PersonFactory(organization=world.org))
    url = reverse("admin:people_consent_change", args=[consent.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = admin_client.post(url, {"withdrawn_on": timezone.localdate().isoformat()})
    assert response.status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_mentor_cannot_be_activated_in_the_admin(world, admin_client):
    mentor = MentorFactory(person=PersonFactory(organization=world.org))
    url = reverse("admin:people_mentor_change", args=[mentor.pk])
    response = admin_client.post(url, {"status": "active", "capacity": 1})
    assert response.status_code == 403
    assert type(mentor).objects.get(pk=mentor.pk).status == mentor.status


@pytest.mark.parametrize(
    "name",
    ["people_person", "people_mentor", "people_mentee", "people_consent", "pairs_pair", "roadmap_roadmap"],
)
def test_participants_and_workflow_records_cannot_be_added_or_deleted(world, admin_client, name):
    assert admin_client.get(reverse(f"admin:{name}_add")).status_code == 403
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_deleting_a_person_in_the_admin_is_refused(world, admin_client):
    person = consenting_mentor(world.org).person
    response = admin_client.post(reverse("admin:people_person_delete", args=[person.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()


def test_pair_page_shows_its_members_read_only(world, admin_client):
    pair = world_pair(world)
    page = admin_client.get(reverse("admin:pairs_pair_change", args=[pair.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_reference_lists_and_users_stay_editable(world, admin_client):
    form = MentoringForm.objects.first()
    response = admin_client.post(
        reverse("admin:people_mentoringform_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(form.pk),
            "form-0-is_active": "",
            "form-0-position": "77",
            "_save": "Сохранить",
        },
    )
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.position == 77 and not form.is_active

    user = world.users["mentee"]
    page = admin_client.get(reverse("admin:people_user_change", args=[user.pk]))
    assert page.status_code == 200 and 'name="_save"' in page.content.decode()
    assert admin_client.get(reverse("admin:people_user_add")).status_code == 200
    assert User.objects.filter(pk=user.pk).exists()


def test_the_admin_index_names_the_libraries_in_russian(world, admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    for english in ("Axes", "AXES", "Pghistory", "PGHISTORY", ">Events<", "Procrastinate"):
        assert english not in page, english
    for russian in (
        "Блокировки входа",
        "История изменений",
        "События истории",
        "Фоновые задания",
        ">Задания<",
    ):
        assert russian in page, russian


def test_the_history_events_page_answers_with_facets_asked_for(world, admin_client):
    url = reverse("admin:pghistory_events_changelist")
    assert admin_client.get(url, {"_facets": "True"}).status_code == 200
    assert admin_client.get(url).status_code == 200
