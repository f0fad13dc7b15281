from __future__ import annotations

import pytest
from django.urls import reverse

from pairs.actions import pair_terminate
from pairs.models import Pair
from pairs.tests.factories import consenting_mentee, world_pair

pytestmark = pytest.mark.django_db


def test_mentor_opens_own_mentees_card_but_not_others(world, login):
    pair = world_pair(world)
    client = login(world.users["mentor"])
    mentee = pair.mentees.get().person
    assert client.get(reverse("people:person_detail", args=[mentee.uuid])).status_code == 200
    stranger = consenting_mentee(world.org).person
    assert client.get(reverse("people:person_detail", args=[stranger.uuid])).status_code == 404


def test_mentee_does_not_gain_the_mentors_view(world, login):
    world_pair(world)
    other = consenting_mentee(world.org).person
    assert (
        login(world.users["mentee"]).get(reverse("people:person_detail", args=[other.uuid])).status_code
        == 404
    )


def test_pair_changes_are_in_the_audit_log(world, login):
    world_pair(world)
    body = login(world.users["admin"]).get(reverse("people:audit_log")).content.decode()
    assert "пара (группа)" in body


@pytest.mark.parametrize("ending", ["complete", "terminate"])
def test_mentor_loses_the_mentees_card_when_the_pair_ends(world, login, ending):
    pair = world_pair(world)
    mentee = pair.mentees.get().person
    url = reverse("people:person_detail", args=[mentee.uuid])
    client = login(world.users["mentor"])
    assert client.get(url).status_code == 200
    if ending == "terminate":
        pair_terminate(pair, reason="перевод в другую школу", actor=None)
    else:  # completion's own preconditions (final meeting, feedback) are tested with the action
        Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.COMPLETED, outcome=Pair.Outcome.ACHIEVED)
    assert client.get(url).status_code == 404


def test_mentor_of_a_project_pair_does_not_see_the_card_yet(world, login):
    pair = world_pair(world)
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.PROJECT)
    mentee = pair.mentees.get().person
    client = login(world.users["mentor"])
    assert client.get(reverse("people:person_detail", args=[mentee.uuid])).status_code == 404


def test_mentor_reads_the_mentees_records_of_their_time_together_only(world, login):
    from datetime import timedelta

    from django.utils import timezone

    from people.models import SupportAction

    pair = world_pair(world)
    started = timezone.localdate() - timedelta(days=20)
    Pair.objects.filter(pk=pair.pk).update(started_on=started)
    mentee = pair.mentees.get()
    SupportAction.objects.create(
        mentee=mentee, date=started - timedelta(days=40), action="беседа с психологом"
    )
    SupportAction.objects.create(
        mentee=mentee, date=started + timedelta(days=5), action="занятие с наставником"
    )
    url = reverse("people:person_detail", args=[mentee.person.uuid])
    as_mentor = login(world.users["mentor"]).get(url).content.decode()
    assert "занятие с наставником" in as_mentor and "беседа с психологом" not in as_mentor
    as_curator = login(world.users["curator"]).get(url).content.decode()
    assert "занятие с наставником" in as_curator and "беседа с психологом" in as_curator
