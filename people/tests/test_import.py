"""Import of people from Excel: preview, all-or-nothing, re-import, bad files, the command."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from people.importer import STAFF_COLUMNS, STUDENT_COLUMNS
from people.models import LegalRepresentative, Person

STAFF_ROWS = [
    [
        "Алексеева",
        "Дарья",
        "Игоревна",
        "ж",
        "12.05.1995",
        "учитель биологии",
        "Биология",
        2,
        "d@example.ru",
        "",
    ],
    ["Борисов", "Павел", "Олегович", "м", "01.02.1980", "учитель физики", "Физика", 20, "", ""],
]
STUDENT_ROWS = [
    [
        "Киселёв",
        "Артём",
        "Денисович",
        "м",
        "10.10.2013",
        "5Б",
        "Киселёва Анна Павловна",
        "мать",
        "+7 900 111-22-33",
    ],
]


def xlsx(header, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def curator(world, login):
    return login(world.users["curator"])


def _upload(client, content: bytes, kind="staff", name="people.xlsx"):
    return client.post(
        reverse("people:import_upload"), {"kind": kind, "file": SimpleUploadedFile(name, content)}
    )


def _count(world):
    return Person.objects.filter(organization=world.org).count()


def test_preview_writes_nothing_and_confirm_writes_all(world, curator):
    before = _count(world)
    response = _upload(curator, xlsx(STAFF_COLUMNS, STAFF_ROWS))
    assert response.context["preview"].is_valid
    assert _count(world) == before
    token = response.context["token"]
    response = curator.post(reverse("people:import_confirm"), {"token": token})
    assert response.status_code == 302
    assert _count(world) == before + 2
    dasha = Person.objects.get(last_name="Алексеева")
    assert (dasha.experience_years, dasha.gender, dasha.birth_date.year) == (2, "f", 1995)


def test_reimporting_the_same_file_changes_nothing(world, curator):
    content = xlsx(STAFF_COLUMNS, STAFF_ROWS)
    token = _upload(curator, content).context["token"]
    curator.post(reverse("people:import_confirm"), {"token": token})
    after_first = _count(world)
    response = _upload(curator, content)
    preview = response.context["preview"]
    assert len(preview.unchanged_rows) == 2 and not preview.new_rows and not preview.to_write
    assert "загружать нечего" in response.content.decode()
    assert "Подтвердить загрузку" not in response.content.decode()
    assert _count(world) == after_first


def test_students_are_imported_with_their_representative(world, curator):
    token = _upload(curator, xlsx(STUDENT_COLUMNS, STUDENT_ROWS), kind="student").context["token"]
    curator.post(reverse("people:import_confirm"), {"token": token})
    rep = LegalRepresentative.objects.get(student__last_name="Киселёв")
    assert (rep.full_name, rep.relation, rep.student.school_class) == (
        "Киселёва Анна Павловна",
        "mother",
        "5Б",
    )


def test_a_rejected_import_lists_every_row_error_and_writes_nothing(world, curator):
    before = _count(world)
    rows = [
        ["", "Иван", "", "м", "01.01.2012", "5А", "", "", ""],
        ["Титов", "Иван", "", "м", "31.02.2012", "5А", "", "", ""],
        ["Титова", "Анна", "", "ж", "01.01.2012", "15Ы", "", "", ""],
        ["Орлов", "Ян", "", "м", "03.03.2012", "6А", "", "", ""],
        ["Орлов", "Ян", "", "м", "03.03.2012", "6А", "", "", ""],
        ["Сомов", "Лев", "", "м", "04.04.2012", "6А", "", "", ""],
    ]
    response = _upload(curator, xlsx(STUDENT_COLUMNS, rows), kind="student")
    preview = response.context["preview"]
    errors = {row.number: " ".join(row.errors) for row in preview.rows}
    assert "Не указана фамилия" in errors[2]
    assert "не распознана" in errors[3]
    assert "Неизвестный класс «15Ы»" in errors[4]
    assert "Повтор" in errors[6] and "строке 5" in errors[6]
    assert errors[7] == ""
    page = response.content.decode()
    assert "Пока ничего не записано" in page and "Подтвердить загрузку" not in page
    assert _count(world) == before


def test_unknown_header_asks_for_the_mapping_before_any_preview(world, curator):
    response = _upload(curator, xlsx(["Фамилия", "Имя", "Телефон мамы"], [["А", "Б", "1"]]))
    assert response.context["preview"] is None
    form = response.context["mapping_form"]
    assert [f.label for f in form] == ["Фамилия", "Имя", "Телефон мамы"]
    assert "незнакомый заголовок" in response.content.decode()


@pytest.mark.parametrize(
    "content,message",
    [
        (b"PK\x03\x04 not really a zip", "повреждён"),
        (b"%PDF-1.4 a pdf", "не файл Excel"),
        (b"\xd0\xcf\x11\xe0 old xls", "сохраните как «Книга Excel (.xlsx)»"),
        (b"PK\x03\x04" + b"0" * (5 * 1024 * 1024), "больше 5 МБ"),
    ],
)
def test_bad_files_get_a_clear_message(world, curator, content, message):
    response = _upload(curator, content)
    assert message in response.context["error"]


def test_empty_file_is_refused(world, curator):
    response = _upload(curator, b"")
    assert "пуст" in response.content.decode()


def test_file_with_only_a_header_is_refused(world, curator):
    response = _upload(curator, xlsx(STAFF_COLUMNS, []))
    assert "строк с данными нет" in response.context["error"]


def test_confirm_with_a_stale_token_writes_nothing(world, curator):
    before = _count(world)
    response = curator.post(reverse("people:import_confirm"), {"token": "deadbeef"}, follow=True)
    assert "устарела" in response.content.decode()
    assert _count(world) == before


def test_template_downloads_with_the_expected_header(world, curator):
    from openpyxl import load_workbook

    response = curator.get(reverse("people:import_template", args=["student"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == STUDENT_COLUMNS


def test_command_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "staff.xlsx"
    path.write_bytes(xlsx(STAFF_COLUMNS, STAFF_ROWS))
    before = _count(world)
    out = io.StringIO()
    call_command("import_people", str(path), organization=world.org.slug, dry_run=True, stdout=out)
    assert "новых 2" in out.getvalue()
    assert _count(world) == before
    call_command("import_people", str(path), organization=world.org.slug, stdout=io.StringIO())
    assert _count(world) == before + 2
    call_command("import_people", str(path), organization=world.org.slug, stdout=io.StringIO())
    assert _count(world) == before + 2


def test_command_fails_and_writes_nothing_when_a_row_is_invalid(world, tmp_path):
    path = tmp_path / "students.xlsx"
    path.write_bytes(
        xlsx(STUDENT_COLUMNS, [*STUDENT_ROWS, ["", "Без", "", "м", "01.01.2013", "5А", "", "", ""]])
    )
    before = _count(world)
    err = io.StringIO()
    with pytest.raises(CommandError, match="Ничего не записано"):
        call_command("import_people", str(path), organization=world.org.slug, stderr=err)
    assert "строка 3: Не указана фамилия" in err.getvalue()
    assert _count(world) == before


def test_command_rejects_a_corrupt_file_and_an_unknown_school(world, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(CommandError, match="повреждён"):
        call_command("import_people", str(path), organization=world.org.slug)
    with pytest.raises(CommandError, match="не найдена"):
        call_command("import_people", str(path), organization="nowhere")


def test_command_records_the_actor_in_the_history(world, tmp_path):
    path = tmp_path / "staff.xlsx"
    path.write_bytes(xlsx(STAFF_COLUMNS, STAFF_ROWS))
    call_command(
        "import_people", str(path), organization=world.org.slug, actor="curator", stdout=io.StringIO()
    )
    created = Person.objects.filter(organization=world.org).order_by("-pk")[:2]
    contexts = {
        p.events.select_related("pgh_context").get().pgh_context.metadata["username"] for p in created
    }
    assert contexts == {"curator"}
