"""Accounts for the законные представители of student mentees (issue 19)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts import actions
from accounts.models import Invitation
from people import roles
from people.models import LegalRepresentative, Membership
from people.tests.factories import MenteeFactory, RepresentativeFactory, StudentFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Roditel-2024!"


def _parent(world, **fields) -> LegalRepresentative:
    child = StudentFactory(organization=world.org, birth_date=date(2015, 3, 1))
    MenteeFactory(person=child, category="motivated")
    return RepresentativeFactory(student=child, **fields)


def test_representatives_get_accounts_with_their_role_and_slips_naming_the_child(world):
    parent = _parent(world)
    result = actions.representative_accounts_create([parent], actor=world.users["curator"], channel="slip")
    parent.refresh_from_db()
    assert result.summary()["accounts_created"] == 1 and len(result.slips) == 1
    assert Membership.objects.filter(
        user=parent.user, organization=world.org, role=roles.REPRESENTATIVE
    ).exists()
    assert not parent.user.has_usable_password()
    slip = result.slips[0]
    assert parent.student.full_name in slip.note and "мать" in slip.note
    invitation = Invitation.objects.get(representative=parent)
    assert invitation.person is None and invitation.organization == world.org


def test_e_mail_invitation_of_a_parent_names_the_school(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    parent = _parent(world, email="mama@example.ru")
    with django_capture_on_commit_callbacks(execute=True):
        actions.representative_accounts_create([parent], actor=None)
    assert mailoutbox[0].to == ["mama@example.ru"] and world.org.short_name in mailoutbox[0].body


def test_parents_of_children_outside_the_programme_are_skipped_with_the_reason(world):
    outside = RepresentativeFactory(student=StudentFactory(organization=world.org))
    removed = _parent(world)
    removed.student.mentee.status = "removed"
    removed.student.mentee.save()
    result = actions.representative_accounts_create([outside, removed], actor=None, channel="slip")
    assert result.summary()["accounts_created"] == 0
    assert {reason for _, reason in result.skipped} == {"обучающийся не участвует в программе наставничества"}
    assert not Invitation.objects.exists()


def test_a_second_invitation_replaces_the_first_and_an_active_parent_is_skipped(world, client):
    parent = _parent(world)
    first = actions.representative_accounts_create([parent], actor=None, channel="slip").slips[0]
    second = actions.representative_accounts_create(
        [LegalRepresentative.objects.get(pk=parent.pk)], actor=None, channel="slip"
    ).slips[0]
    assert first.username == second.username
    assert Invitation.objects.filter(representative=parent, revoked_at__isnull=False).count() == 1
    data = {"username": second.username, "code": second.code, "password1": PASSWORD, "password2": PASSWORD}
    assert client.post(reverse("accounts:activate_code"), data).status_code == 302
    again = actions.representative_accounts_create(
        [LegalRepresentative.objects.get(pk=parent.pk)], actor=None, channel="slip"
    )
    assert again.skipped[0][1] == "учётная запись уже активна"


def test_activation_of_a_parent_logs_them_in_and_shows_their_child_pairs_page(world, client):
    parent = _parent(world)
    slip = actions.representative_accounts_create([parent], actor=None, channel="slip").slips[0]
    data = {"username": slip.username, "code": slip.code, "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(reverse("accounts:activate_code"), data)
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("pairs:my_pairs")).status_code == 200


def test_command_invites_representatives_alone_or_with_all(world):
    _parent(world)
    _parent(world, email="papa@example.ru", relation="father", first_name="Олег", middle_name="Петрович")
    MenteeFactory(person=StudentFactory(organization=world.org))  # a mentee without a parent recorded
    out = io.StringIO()
    call_command("invite_participants", "--organization", "school-a", "--role", "representative",
                 "--format", "json", stdout=out)  # fmt: skip
    assert json.loads(out.getvalue()) == {"accounts_created": 2, "emailed": 1, "slips": 1, "skipped": []}
    out = io.StringIO()
    call_command("invite_participants", "--organization", "school-a", "--format", "json", stdout=out)
    summary = json.loads(out.getvalue())
    # The parents have their invitations already; the three children get theirs now.
    assert summary["accounts_created"] == 3
    assert Invitation.objects.filter(representative__isnull=False).count() == 2


REPS = reverse("accounts:representative_list")
INVITE_REPS = reverse("accounts:invite_representatives")


def test_curator_lists_representatives_with_their_state_and_filters(world, login):
    invited = _parent(world, last_name="Приглашённая")
    actions.representative_accounts_create([invited], actor=None, channel="slip")
    waiting = _parent(world, last_name="Неприглашённая")
    RepresentativeFactory(student=StudentFactory(organization=world.other_org), last_name="Чужаяродительница")
    client = login(world.users["curator"])
    page = client.get(REPS).content.decode()
    assert invited.full_name in page and waiting.full_name in page and "Чужаяродительница" not in page
    only_new = client.get(REPS, {"state": "none"}).content.decode()
    assert waiting.full_name in only_new and invited.full_name not in only_new


def test_curator_prints_slips_for_the_ticked_representatives(world, login):
    parent = _parent(world)
    response = login(world.users["curator"]).post(
        INVITE_REPS, {"representatives": [parent.uuid], "channel": "slip"}
    )
    assert response["Content-Type"] == "application/pdf"
    assert LegalRepresentative.objects.get(pk=parent.pk).user_id


def test_inviting_another_schools_representative_is_refused_and_changes_nothing(world, login):
    far = RepresentativeFactory(
        student=MenteeFactory(person=StudentFactory(organization=world.other_org)).person
    )
    response = login(world.users["curator"]).post(
        INVITE_REPS, {"representatives": [far.uuid], "channel": "slip"}, follow=True
    )
    assert "не найден в вашей организации" in response.content.decode()
    assert not Invitation.objects.exists()
    nonsense = login(world.users["curator"]).post(
        INVITE_REPS, {"representatives": ["not-a-uuid"], "channel": "slip"}, follow=True
    )
    assert "не найден" in nonsense.content.decode()


def test_director_reads_the_list_but_may_not_invite_participants_may_not_read(world, login):
    parent = _parent(world)
    assert login(world.users["director"]).get(REPS).status_code == 200
    assert login(world.users["director"]).post(INVITE_REPS, {"everyone": "1"}).status_code == 403
    for role in ("mentor", "mentee", "representative"):
        assert login(world.users[role]).get(REPS).status_code == 403
    assert LegalRepresentative.objects.get(pk=parent.pk).user_id is None


def test_representative_list_query_count_does_not_grow_with_rows(world, login, django_assert_max_num_queries):
    client = login(world.users["curator"])
    _parent(world)
    client.get(REPS)
    with django_assert_max_num_queries(20) as first:
        client.get(REPS)
    for _ in range(5):
        actions.representative_accounts_create([_parent(world)], actor=None, channel="slip")
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(REPS)
    assert len(page.context["page"].object_list) == 6
