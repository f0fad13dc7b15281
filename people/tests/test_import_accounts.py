"""«Создать учётные записи» in the people import (issue 19): the people of the file who take
part, and the representatives of its student mentees, get accounts in the same step; all or
nothing."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import actions as account_actions
from accounts.models import Invitation
from mentoring.lib.actions import ActionRefused
from people.importer import STAFF_COLUMNS, STUDENT_COLUMNS
from people.models import LegalRepresentative, Person
from people.tests.factories import MenteeFactory, MentorFactory, PersonFactory, StudentFactory
from people.tests.test_import import STAFF_ROWS, STUDENT_ROWS, _upload, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_banks(world):
    """Дарья Алексеева in the mentor bank and Артём Киселёв in the mentee bank, before the file."""
    dasha = PersonFactory(
        organization=world.org,
        last_name="Алексеева",
        first_name="Дарья",
        middle_name="Игоревна",
        email="",
        birth_date=date(1995, 5, 12),
    )
    MentorFactory(person=dasha)
    artem = StudentFactory(
        organization=world.org,
        last_name="Киселёв",
        first_name="Артём",
        middle_name="Денисович",
        school_class="5А",
        birth_date=date(2013, 10, 10),
    )
    MenteeFactory(person=artem, category="motivated")
    return dasha, artem


def test_curator_imports_and_creates_accounts_in_one_step(
    world, login, in_banks, mailoutbox, django_capture_on_commit_callbacks
):
    dasha, artem = in_banks
    curator = login(world.users["curator"])
    token = _upload(curator, xlsx(STAFF_COLUMNS, STAFF_ROWS)).context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = curator.post(reverse("people:import_confirm"), {"token": token, "create_accounts": "1"})
    assert response.status_code == 302
    dasha.refresh_from_db()
    assert dasha.email == "d@example.ru" and dasha.user_id  # the file's address, the account's letter
    assert mailoutbox[0].to == ["d@example.ru"]
    # Борисов is new and in no bank: no role to give him, so no account (and the result says so).
    assert Person.objects.get(last_name="Борисов").user_id is None

    token = _upload(curator, xlsx(STUDENT_COLUMNS, STUDENT_ROWS), kind="student").context["token"]
    response = curator.post(reverse("people:import_confirm"), {"token": token, "create_accounts": "1"})
    assert response["Content-Type"] == "application/pdf"  # the slips of the pupil and his mother
    artem.refresh_from_db()
    mother = LegalRepresentative.objects.get(student=artem)
    assert artem.user_id and mother.user_id
    assert Invitation.objects.filter(representative=mother, channel="slip").exists()


def test_without_the_checkbox_no_account_is_created(world, login, in_banks):
    curator = login(world.users["curator"])
    token = _upload(curator, xlsx(STAFF_COLUMNS, STAFF_ROWS)).context["token"]
    curator.post(reverse("people:import_confirm"), {"token": token})
    assert not Invitation.objects.exists()


def test_a_failure_in_the_accounts_undoes_the_import(world, login, in_banks, monkeypatch):
    def refuse(person):
        raise ActionRefused("Не удалось подобрать свободный логин; повторите попытку.")

    monkeypatch.setattr(account_actions, "new_username", refuse)
    curator = login(world.users["curator"])
    token = _upload(curator, xlsx(STAFF_COLUMNS, STAFF_ROWS)).context["token"]
    response = curator.post(
        reverse("people:import_confirm"), {"token": token, "create_accounts": "1"}, follow=True
    )
    assert "свободный логин" in response.content.decode()
    assert not Person.objects.filter(last_name="Борисов").exists()
    assert Person.objects.get(last_name="Алексеева").email == ""


def test_command_create_accounts_prints_what_was_handed_over(world, in_banks, tmp_path):
    path = tmp_path / "students.xlsx"
    path.write_bytes(xlsx(STUDENT_COLUMNS, STUDENT_ROWS))
    slips = tmp_path / "slips.pdf"
    out = io.StringIO()
    call_command(
        "import_people", str(path), organization=world.org.slug, kind="student", output="json",
        create_accounts=True, slips_pdf=str(slips), stdout=out,
    )  # fmt: skip
    summary = json.loads(out.getvalue())
    assert summary["accounts"] == {"accounts_created": 2, "emailed": 0, "slips": 2, "skipped": []}
    assert slips.read_bytes().startswith(b"%PDF")


def test_command_all_or_nothing_when_accounts_fail(world, in_banks, tmp_path, monkeypatch):
    def refuse(person):
        raise ActionRefused("Не удалось подобрать свободный логин; повторите попытку.")

    monkeypatch.setattr(account_actions, "new_username", refuse)
    path = tmp_path / "staff.xlsx"
    path.write_bytes(xlsx(STAFF_COLUMNS, STAFF_ROWS))
    with pytest.raises(CommandError, match="свободный логин"):
        call_command(
            "import_people",
            str(path),
            organization=world.org.slug,
            create_accounts=True,
            stdout=io.StringIO(),
        )
    assert not Person.objects.filter(last_name="Борисов").exists()


# ---------------------------------------------------------------- nobody is left out silently


def test_the_import_names_everyone_of_the_file_left_without_an_account(world, login, in_banks):
    """Борисов is in no bank: the result says so, with the reason, instead of saying nothing."""
    curator = login(world.users["curator"])
    token = _upload(curator, xlsx(STAFF_COLUMNS, STAFF_ROWS)).context["token"]
    response = curator.post(
        reverse("people:import_confirm"), {"token": token, "create_accounts": "1"}, follow=True
    )
    page = response.content.decode()
    assert "Без учётной записи: Борисов Павел Олегович — " + account_actions.NOT_IN_BANK in page
    warning = next(str(m) for m in response.context["messages"] if "Без учётной записи" in str(m))
    assert "Алексеева" not in warning  # she got hers


def test_command_json_lists_a_pupil_outside_the_programme_and_the_parent(world, tmp_path):
    """Артём is in no bank this time: neither he nor his mother gets an account, and both are
    in `skipped` with the reason."""
    path = tmp_path / "students.xlsx"
    path.write_bytes(xlsx(STUDENT_COLUMNS, STUDENT_ROWS))
    out = io.StringIO()
    call_command(
        "import_people", str(path), organization=world.org.slug, kind="student", output="json",
        create_accounts=True, stdout=out,
    )  # fmt: skip
    accounts = json.loads(out.getvalue())["accounts"]
    assert accounts["accounts_created"] == 0
    assert accounts["skipped"] == [
        {"person": "Киселёв Артём Денисович", "reason": account_actions.NOT_IN_BANK},
        {"person": "Киселёва Анна Павловна", "reason": account_actions.CHILD_OUTSIDE},
    ]
    assert not Person.objects.get(last_name="Киселёв").user_id
    assert not LegalRepresentative.objects.get(last_name="Киселёва").user_id


def test_command_text_output_names_who_got_no_account(world, in_banks, tmp_path):
    path = tmp_path / "staff.xlsx"
    path.write_bytes(xlsx(STAFF_COLUMNS, STAFF_ROWS))
    out = io.StringIO()
    call_command("import_people", str(path), organization=world.org.slug, create_accounts=True, stdout=out)
    text = out.getvalue()
    assert "пропущено: 1" in text
    assert f"без учётной записи: Борисов Павел Олегович — {account_actions.NOT_IN_BANK}" in text


def test_someone_with_a_working_account_is_not_listed(world, in_banks, tmp_path):
    from people.tests.factories import UserFactory

    borisov = PersonFactory(
        organization=world.org, last_name="Борисов", first_name="Павел", middle_name="Олегович",
        birth_date=date(1980, 2, 1), user=UserFactory(username="borisov"),
    )  # fmt: skip
    path = tmp_path / "staff.xlsx"
    path.write_bytes(xlsx(STAFF_COLUMNS, STAFF_ROWS))
    out = io.StringIO()
    call_command(
        "import_people", str(path), organization=world.org.slug, output="json", create_accounts=True,
        stdout=out,
    )  # fmt: skip
    accounts = json.loads(out.getvalue())["accounts"]
    assert accounts["skipped"] == [] and accounts["accounts_created"] == 1
    assert Person.objects.filter(last_name="Борисов").get().pk == borisov.pk
