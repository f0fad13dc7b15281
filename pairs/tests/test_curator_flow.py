"""The curator goes from a waiting mentee to an accepted pair with an approved programme."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pairs.models import Pair, Program
from pairs.tests.factories import consenting_mentee, consenting_mentor, teacher_form, traditional
from people.models import Competency, Mentee

pytestmark = pytest.mark.django_db


def test_waiting_mentee_to_active_pair_with_programme(world, login):
    competency = Competency.objects.get(name="дисциплина и управление классом")
    mentee = consenting_mentee(world.org, desired_form=teacher_form())
    mentee.requests.set([competency])
    mentor = consenting_mentor(world.org, capacity=2, person__last_name="Лучшева")
    mentor.competencies.set([competency])
    mentor.preferred_forms.set([teacher_form()])
    consenting_mentor(world.org, capacity=2, person__last_name="Другая")
    client = login(world.users["curator"])

    waiting = client.get(reverse("pairs:waiting_list")).content.decode()
    match_url = reverse("pairs:mentee_match", args=[mentee.uuid])
    assert match_url in waiting and "Ждёт, дней" in waiting

    ranked = client.get(match_url).content.decode()
    assert ranked.index("Лучшева") < ranked.index("Другая")
    create_url = re.search(r'href="(/pairs/new/\?mentee=[^"]+)"', ranked).group(1).replace("&amp;", "&")
    assert str(mentor.uuid) in create_url

    form_page = client.get(create_url)
    assert form_page.status_code == 200
    response = client.post(
        reverse("pairs:pair_create"),
        {
            "mentors": [str(mentor.uuid)],
            "mentees": [str(mentee.uuid)],
            "form": teacher_form().pk,
            "type": traditional().pk,
            "planned_start": "2025-09-01",
            "planned_end": "2026-05-31",
            "mentor_consent_on": "2025-08-29",
        },
    )
    pair = Pair.objects.get()
    assert response["Location"] == pair.get_absolute_url()
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.PAIRED

    detail = client.get(pair.get_absolute_url()).content.decode()
    assert reverse("pairs:program_from_template", args=[pair.uuid]) in detail
    response = client.post(
        reverse("pairs:program_from_template", args=[pair.uuid]), {"template": "young_teacher"}
    )
    assert response["Location"] == reverse("pairs:program_edit", args=[pair.uuid])
    assert client.get(response["Location"]).status_code == 200
    program = Program.objects.get(pair=pair)
    client.post(reverse("pairs:program_submit", args=[pair.uuid]), {"version": program.version})
    client.post(reverse("pairs:pair_activate", args=[pair.uuid]), {"version": pair.version})

    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE
    assert Program.objects.get(pair=pair).status == Program.Status.REVIEW
    # The director approves it from their home page's «Ждут вашего решения».
    director = login(world.users["director"])
    assert pair.get_absolute_url() in director.get(reverse("dashboard")).content.decode()
    program = Program.objects.get(pair=pair)
    director.post(reverse("pairs:program_approve", args=[pair.uuid]), {"version": program.version})
    assert Program.objects.get(pair=pair).status == Program.Status.APPROVED
    detail = login(world.users["curator"]).get(pair.get_absolute_url()).content.decode()
    assert "действует" in detail and "утверждена" in detail


def test_curator_accepts_the_whole_proposal_in_one_step(world, login):
    mentors = [consenting_mentor(world.org, capacity=1) for _ in range(2)]
    mentees = [consenting_mentee(world.org) for _ in range(3)]
    client = login(world.users["curator"])
    page = client.get(reverse("pairs:proposal")).content.decode()
    selected = re.findall(r'<option value="([0-9a-f-]{36})" selected>', page)
    assert len(selected) == 2  # two places for three mentees
    # The curator edits: swaps nothing, but explicitly leaves the third mentee waiting.
    data = {}
    for mentee in mentees:
        match = re.search(rf'name="mentor-{mentee.uuid}"[^>]*>(.*?)</select>', page, re.S)
        chosen = re.search(r'<option value="([0-9a-f-]{36})" selected>', match.group(1))
        data[f"mentor-{mentee.uuid}"] = chosen.group(1) if chosen else ""
    response = client.post(reverse("pairs:proposal"), data)
    assert response.status_code == 302
    assert Pair.objects.filter(organization=world.org, status=Pair.Status.PROJECT).count() == 2
    assert {p.mentors.get() for p in Pair.objects.all()} == set(mentors)


def test_proposal_over_capacity_needs_override(world, login):
    mentor = consenting_mentor(world.org, capacity=1)
    mentees = [consenting_mentee(world.org) for _ in range(2)]
    data = {f"mentor-{m.uuid}": str(mentor.uuid) for m in mentees}
    client = login(world.users["curator"])
    response = client.post(reverse("pairs:proposal"), data)
    assert "Превышена допустимая нагрузка" in response.content.decode()
    assert not Pair.objects.exists()  # all or nothing
    client.post(reverse("pairs:proposal"), {**data, "override": "согласовано"})
    assert Pair.objects.count() == 2


def test_curator_records_support_for_a_waiting_mentee(world, login):
    mentee = consenting_mentee(world.org)
    client = login(world.users["curator"])
    client.post(
        reverse("pairs:support_add", args=[mentee.uuid]),
        {"date": "2025-10-01", "action": "консультация психолога"},
    )
    assert mentee.support_actions.get().action == "консультация психолога"
    assert "консультация психолога" in client.get(reverse("pairs:waiting_list")).content.decode()
    client.post(reverse("pairs:support_add", args=[mentee.uuid]), {"date": "", "action": ""})
    assert mentee.support_actions.count() == 1
