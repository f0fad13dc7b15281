"""The programme's approval: the curator sends it, the director approves or returns it (or a signed
order on programmes approves it); the stamp on its PDF names the director or the order."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.lib.actions import ActionRefused
from mentoring.tests.pdf import pdf_text
from notifications.models import Kind, Notification
from pairs import actions
from pairs.models import Program
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair, world_pair
from people.models import Competency, Person
from people.tests.factories import make_member

pytestmark = pytest.mark.django_db


def _program(world) -> Program:
    return Program.objects.get(pair=world_pair(world))


def _submitted(world) -> Program:
    return actions.program_submit(_program(world), actor=world.users["curator"])


def _pdf_text(response) -> str:
    assert response.status_code == 200
    return pdf_text(response.content)


# --- the lifecycle ---------------------------------------------------------------------------------


def test_submitting_puts_the_programme_on_approval_and_notifies_the_director(world):
    program = _submitted(world)
    assert program.status == Program.Status.REVIEW and program.submitted_at
    notes = Notification.objects.filter(kind=Kind.PROGRAM_REVIEW)
    assert [n.recipient for n in notes] == [world.users["director"]]
    assert notes.get().link == world_pair(world).get_absolute_url()
    assert "ждёт утверждения" in notes.get().title


def test_a_second_submission_after_a_return_notifies_again(world):
    program = _submitted(world)
    actions.program_return(program, actor=world.users["director"], comment="Уточните сроки.")
    actions.program_submit(program, actor=world.users["curator"])
    assert Notification.objects.filter(kind=Kind.PROGRAM_REVIEW).count() == 2
    # …each submission once: a repeated notification of the same submission writes nothing.
    program.refresh_from_db()
    actions._program_notify(
        program, "director", kind=Kind.PROGRAM_REVIEW, event="review", title="x", text="x"
    )
    assert Notification.objects.filter(kind=Kind.PROGRAM_REVIEW).count() == 2


def test_the_director_approves_and_the_stamp_names_them_from_their_card(world):
    director = world.users["director"]
    Person.objects.filter(user=director).update(
        last_name="Прохорова", first_name="Светлана", middle_name="Викторовна"
    )
    program = actions.program_approve(_submitted(world), actor=director)
    assert program.status == Program.Status.APPROVED
    assert program.approved_on == timezone.localdate()
    assert program.approved_by == director
    assert program.approver_name == "С.В. Прохорова"
    assert program.approver_position == world.org.director_position


def test_the_curator_cannot_approve(world):
    program = _submitted(world)
    with pytest.raises(ActionRefused, match="утверждает руководитель"):
        actions.program_approve(program, actor=world.users["curator"])
    program.refresh_from_db()
    assert program.status == Program.Status.REVIEW


def test_a_draft_is_not_approved_without_being_sent(world):
    with pytest.raises(ActionRefused, match="отправленную на утверждение"):
        actions.program_approve(_program(world), actor=world.users["director"])
    assert _program(world).status == Program.Status.DRAFT


def test_an_empty_plan_is_not_sent(world):
    program = _program(world)
    program.items.all().delete()
    with pytest.raises(ActionRefused, match="нет ни одного пункта"):
        actions.program_submit(program, actor=world.users["curator"])
    assert _program(world).status == Program.Status.DRAFT


def test_the_director_returns_with_a_comment_and_the_curator_is_told(world):
    program = actions.program_return(_submitted(world), actor=world.users["director"], comment=" Сроки ")
    assert program.status == Program.Status.DRAFT and program.return_comment == "Сроки"
    note = Notification.objects.get(kind=Kind.PROGRAM_DECISION)
    assert note.recipient == world.users["curator"] and "Сроки" in note.text


def test_a_return_without_a_comment_is_refused(world):
    program = _submitted(world)
    with pytest.raises(ActionRefused, match="что нужно исправить"):
        actions.program_return(program, actor=world.users["director"], comment="  ")
    program.refresh_from_db()
    assert program.status == Program.Status.REVIEW


def test_the_director_of_another_school_cannot_approve(world):
    stranger = make_member(world.other_org, "director")
    program = _submitted(world)
    with pytest.raises(ActionRefused):
        actions.program_approve(program, actor=stranger)


def test_the_history_names_who_approved(world):
    program = actions.program_approve(_submitted(world), actor=world.users["director"])
    events = program.events.order_by("pgh_id")
    assert [e.status for e in events][-2:] == [Program.Status.REVIEW, Program.Status.APPROVED]
    assert events.last().pgh_context.metadata["user"] == world.users["director"].pk


# --- the views, per role ---------------------------------------------------------------------------


def _post(login, user, name: str, pair, **data):
    program = Program.objects.get(pair=pair)
    return login(user).post(reverse(name, args=[pair.uuid]), {"version": program.version, **data})


def test_curator_submits_through_the_page(world, login):
    pair = world_pair(world)
    response = _post(login, world.users["curator"], "pairs:program_submit", pair)
    assert response.status_code == 302
    assert Program.objects.get(pair=pair).status == Program.Status.REVIEW


def test_curator_posting_approve_gets_403(world, login):
    _submitted(world)
    response = _post(login, world.users["curator"], "pairs:program_approve", world_pair(world))
    assert response.status_code == 403
    assert _program(world).status == Program.Status.REVIEW


@pytest.mark.parametrize("role", ["mentor", "mentee", "curator"])
def test_only_the_director_returns(world, login, role):
    _submitted(world)
    response = _post(login, world.users[role], "pairs:program_return", world_pair(world), comment="нет")
    assert response.status_code == 403
    assert _program(world).status == Program.Status.REVIEW


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_participants_cannot_submit(world, login, role):
    response = _post(login, world.users[role], "pairs:program_submit", world_pair(world))
    assert response.status_code == 403
    assert _program(world).status == Program.Status.DRAFT


def test_the_curator_of_another_school_gets_404(world, login):
    response = _post(login, world.other_curator, "pairs:program_submit", world_pair(world))
    assert response.status_code == 404
    assert _program(world).status == Program.Status.DRAFT


def test_the_director_approves_and_returns_through_the_page(world, login):
    pair = world_pair(world)
    _submitted(world)
    page = login(world.users["director"]).get(pair.get_absolute_url()).content.decode()
    assert reverse("pairs:program_approve", args=[pair.uuid]) in page
    assert reverse("pairs:program_return", args=[pair.uuid]) in page
    refused = _post(login, world.users["director"], "pairs:program_return", pair, comment="")
    assert refused.status_code == 302 and _program(world).status == Program.Status.REVIEW
    _post(login, world.users["director"], "pairs:program_return", pair, comment="Добавьте открытый урок.")
    assert _program(world).status == Program.Status.DRAFT
    page = login(world.users["curator"]).get(pair.get_absolute_url()).content.decode()
    assert "Добавьте открытый урок." in page
    _submitted(world)
    _post(login, world.users["director"], "pairs:program_approve", pair)
    assert _program(world).status == Program.Status.APPROVED


def test_the_curators_page_offers_submission_not_approval(world, login):
    pair = world_pair(world)
    page = login(world.users["curator"]).get(pair.get_absolute_url()).content.decode()
    assert reverse("pairs:program_submit", args=[pair.uuid]) in page
    assert reverse("pairs:program_approve", args=[pair.uuid]) not in page


# --- the director's home -------------------------------------------------------------------------


def _awaiting_panel(page: str) -> str:
    start = page.index('id="panel-awaiting-decision"')
    return page[start : page.index("</section>", start)]


def test_the_directors_home_lists_the_programme_awaiting_approval(world, login):
    _submitted(world)
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    panel = _awaiting_panel(page)
    assert world_pair(world).get_absolute_url() in panel
    assert world.person_of("mentee").short_name in panel and "на утверждении" in panel


def test_approved_and_returned_programmes_leave_the_directors_home(world, login):
    program = _submitted(world)
    actions.program_return(program, actor=world.users["director"], comment="Дополните")
    page = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert "Ждут вашего решения" not in page


def test_the_curator_and_the_other_schools_director_do_not_see_it(world, login, client):
    _submitted(world)
    assert (
        "Ждут вашего решения" not in login(world.users["curator"]).get(reverse("dashboard")).content.decode()
    )
    client.logout()
    stranger = make_member(world.other_org, "director")
    assert "Ждут вашего решения" not in login(stranger).get(reverse("dashboard")).content.decode()


# --- the stamp on the PDF --------------------------------------------------------------------------


def test_the_pdf_stamp_names_the_director_by_initials_and_surname(world, login):
    director = world.users["director"]
    Person.objects.filter(user=director).update(
        last_name="Прохорова", first_name="Светлана", middle_name="Викторовна"
    )
    actions.program_approve(_submitted(world), actor=director)
    text = _pdf_text(
        login(world.users["mentee"]).get(reverse("pairs:program_pdf", args=[world_pair(world).uuid]))
    )
    assert "УТВЕРЖДЕНА" in text
    assert f"{world.org.director_position} {world.org.short_name}" in text
    assert "С.В. Прохорова" in text
    assert director.username not in text
    assert f"{timezone.localdate():%d.%m.%Y}" in text


def test_the_pdf_stamp_cites_the_order(world, login):
    actions.program_approve_by_order(
        _submitted(world), order_number="7-од", order_date=timezone.localdate(), actor=world.users["director"]
    )
    text = _pdf_text(
        login(world.users["curator"]).get(reverse("pairs:program_pdf", args=[world_pair(world).uuid]))
    )
    assert f"приказом от {timezone.localdate():%d.%m.%Y} № 7-од" in text.replace("\xa0", " ")


def test_the_signatures_name_people_by_their_cards_never_by_login(world, login):
    curator = world.users["curator"]
    Person.objects.filter(user=curator).update(
        last_name="Нечесова", first_name="Анна", middle_name="Андреевна"
    )
    text = _pdf_text(login(curator).get(reverse("pairs:program_pdf", args=[world_pair(world).uuid])))
    assert "А.А. Нечесова" in text and curator.username not in text
    assert world.person_of("mentor").signature_name in text


def test_a_draft_has_no_stamp(world, login):
    text = _pdf_text(
        login(world.users["curator"]).get(reverse("pairs:program_pdf", args=[world_pair(world).uuid]))
    )
    assert "УТВЕРЖДЕНА" not in text


# --- a group's requests ----------------------------------------------------------------------------


def test_a_group_programme_names_each_shared_request_once():
    from people.tests.factories import OrganizationFactory

    org = OrganizationFactory()
    shared = list(Competency.objects.order_by("name")[:2])
    own = Competency.objects.exclude(pk__in=[c.pk for c in shared]).order_by("name").first()
    mentees = [consenting_mentee(org, student=True) for _ in range(3)]
    mentees[0].requests.set(shared)
    mentees[1].requests.set([*shared, own])
    mentees[2].requests.set(shared[:1])
    pair = make_pair(org, [consenting_mentor(org)], mentees, capacity_override_reason="группа")
    program = actions.program_create_from_template(pair, "student_iom", actor=None)
    names = program.deficits.split(", ")
    assert sorted(names) == sorted({c.name for c in [*shared, own]})
    assert len(names) == len(set(names)) == 3
