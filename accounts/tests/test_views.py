from __future__ import annotations

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts import actions
from accounts.models import Invitation
from mentoring.tests.pdf import page_texts
from people.models import Person
from people.tests.factories import MenteeFactory, MentorFactory, PersonFactory, StudentFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Nastavnik-2024!"
LIST = reverse("accounts:invitation_list")
INVITE = reverse("accounts:invite")


def _students(world, n, **fields):
    return [MenteeFactory(person=StudentFactory(organization=world.org, **fields)).person for _ in range(n)]


def test_curator_sees_participants_with_their_account_state(world, login):
    person = _students(world, 1)[0]
    response = login(world.users["curator"]).get(LIST)
    assert response.status_code == 200
    assert person.full_name in response.content.decode() and "не приглашён" in response.content.decode()


def test_filter_by_account_state(world, login):
    invited, waiting = _students(world, 2)
    actions.accounts_create([invited], actor=None, channel="slip")
    client = login(world.users["curator"])
    page = client.get(LIST, {"account": "invited"}).content.decode()
    assert invited.full_name in page
    registry = client.get(reverse("people:person_list"), {"account": "none"}).content.decode()
    assert waiting.full_name in registry and invited.full_name not in registry
    bank = client.get(reverse("people:mentee_list"), {"account": "invited"}).content.decode()
    assert invited.full_name in bank and "приглашён" in bank


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_participants_may_not_see_the_list(world, login, role):
    assert login(world.users[role]).get(LIST).status_code == 403


def test_director_reads_but_may_not_invite(world, login):
    person = _students(world, 1)[0]
    client = login(world.users["director"])
    assert client.get(LIST).status_code == 200
    assert client.post(INVITE, {"people": [person.uuid], "channel": "slip"}).status_code == 403
    assert not Person.objects.get(pk=person.pk).user_id


def test_list_does_not_show_another_school(world, login):
    stranger = MentorFactory(person=world.other_person).person
    page = login(world.users["curator"]).get(LIST).content.decode()
    assert stranger.full_name not in page


def test_curator_of_another_school_cannot_invite_our_people(world, login):
    person = _students(world, 1)[0]
    response = login(world.other_curator).post(INVITE, {"people": [person.uuid], "channel": "slip"})
    assert response.status_code == 302
    assert not Person.objects.get(pk=person.pk).user_id


def test_empty_choice_is_refused_with_a_message(world, login):
    response = login(world.users["curator"]).post(INVITE, {"channel": "email"}, follow=True)
    assert "Отметьте участников" in response.content.decode()
    assert not Invitation.objects.exists()


def test_curator_invites_by_e_mail_from_the_bank(world, login, django_capture_on_commit_callbacks):
    person = MentorFactory(person=PersonFactory(organization=world.org, email="a@example.ru")).person
    next_url = reverse("people:mentor_list")
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.users["curator"]).post(
            INVITE, {"people": [person.uuid], "channel": "email", "next": next_url}
        )
    assert response.status_code == 302 and response["Location"] == next_url
    assert len(mail.outbox) == 1 and "http://testserver/access/activate/" in mail.outbox[0].body


def test_slips_pdf_holds_eight_slips_a_page_with_login_and_name(world, login):
    people = _students(world, 9, first_name="Илья", last_name="Орлов", middle_name="Андреевич")
    response = login(world.users["curator"]).post(INVITE, {"everyone": "1", "channel": "slip"})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    first, second = page_texts(response.content)
    assert first.count("Одноразовый код") == 8 and second.count("Одноразовый код") == 1
    logins = [Person.objects.get(pk=p.pk).user.username for p in people]
    text = f"{first} {second}"
    assert all(login in text for login in logins)
    assert "Орлов Илья Андреевич" in text and "http://testserver" in text
    # Drawn inside the sheet, in two columns: text clipped below the page still extracts.
    height = float(reader.pages[0].mediabox.height)
    width = float(reader.pages[0].mediabox.width)
    origins: list[tuple[float, float]] = []

    def visit(text, cm, tm, font, size):
        if "Одноразовый код" in text:
            origins.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    reader.pages[0].extract_text(visitor_text=visit)
    assert len(origins) == 8 and all(0 <= y <= height for _, y in origins)
    assert {x < width / 2 for x, _ in origins} == {True, False}


def test_activation_by_link_then_a_second_use_is_refused(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    person = MentorFactory(person=PersonFactory(organization=world.org, email="b@example.ru")).person
    with django_capture_on_commit_callbacks(execute=True):
        actions.accounts_create([person], actor=None, channel="email")
    link = next(line for line in mailoutbox[0].body.splitlines() if "/access/activate/" in line)
    path = link.split("testserver", 1)[-1] if "testserver" in link else link.split("8000", 1)[-1]
    assert client.get(path).status_code == 200
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    # The activation logs the person in: the next page is their home, not the login form.
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    user = Person.objects.get(pk=person.pk).user
    assert user.check_password(PASSWORD)
    assert client.get(reverse("dashboard")).wsgi_request.user == user
    client.logout()
    again = client.post(path, {"password1": "Drugoy-parol-77", "password2": "Drugoy-parol-77"})
    assert again.status_code == 410 and "уже использовано" in again.content.decode()


def test_activation_by_code_from_the_slip(world, client):
    person = _students(world, 1)[0]
    slip = actions.accounts_create([person], actor=None, channel="slip").slips[0]
    url = reverse("accounts:activate_code")
    wrong = client.post(
        url, {"username": slip.username, "code": "AAAA-AAAA", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "Приглашение не найдено" in wrong.content.decode()
    mismatch = client.post(
        url, {"username": slip.username, "code": slip.code, "password1": PASSWORD, "password2": "x"}
    )
    assert "Пароли не совпадают" in mismatch.content.decode()
    ok = client.post(
        url, {"username": slip.username, "code": slip.code, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert ok.status_code == 302
    again = client.post(
        url, {"username": slip.username, "code": slip.code, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "уже использовано" in again.content.decode()


def test_an_unknown_token_is_refused(client):
    response = client.get(reverse("accounts:activate_token", args=["nonsense"]))
    assert response.status_code == 410 and "Приглашение не найдено" in response.content.decode()


def _count(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(LIST).status_code == 200
    return len(ctx.captured_queries)


def test_invitation_list_query_count_does_not_grow_with_rows(world, login):
    client = login(world.users["curator"])
    actions.accounts_create(_students(world, 2), actor=None, channel="slip")
    few = _count(client)
    actions.accounts_create(_students(world, 10), actor=None, channel="slip")
    _students(world, 5)
    assert _count(client) == few


def test_command_prints_json_and_dry_run_writes_nothing(world):
    mailed = MentorFactory(person=PersonFactory(organization=world.org, email="c@example.ru")).person
    _students(world, 2)
    out = io.StringIO()
    call_command(
        "invite_participants", "--organization", "school-a", "--dry-run", "--format", "json", stdout=out
    )
    assert json.loads(out.getvalue()) == {"accounts_created": 3, "emailed": 1, "slips": 2, "skipped": []}
    assert not Invitation.objects.exists()
    out = io.StringIO()
    call_command(
        "invite_participants",
        "--organization",
        "school-a",
        "--role",
        "mentor",
        "--format",
        "json",
        stdout=out,
    )
    assert json.loads(out.getvalue())["accounts_created"] == 1
    assert Person.objects.get(pk=mailed.pk).user_id


def test_command_names_an_unknown_organization():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="не найдена"):
        call_command("invite_participants", "--organization", "nowhere")
