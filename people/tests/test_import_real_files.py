"""The people import meets lists as schools keep them (issue 18): ФИО in one column, values as
people write them, CSV, unknown headers mapped once, updates instead of duplicates, and the
choice to write only the valid rows with the rejected ones downloadable as .xlsx."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from people import importer
from people.models import ImportColumnMapping, LegalRepresentative, Person
from people.tests.factories import PersonFactory
from people.tests.test_import import _count, _upload, xlsx

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
# A staff list as a school keeps it: its own headers, ФИО in one column, no «Пол», text dates.
SCHOOL_HEADER = ["№", "Ф.И.О.", "Дата рождения", "Должность", "Стаж", "E-mail", "Телефон"]
SCHOOL_ROWS = [
    [
        1,
        "Петрова-Водкина Анна Сергеевна",
        "12.03.1985",
        "учитель математики",
        "5 лет",
        "anna@school.ru",
        "8 (912) 345-67-89",
    ],
    [2, f"  Иванов{NBSP}Пётр ", "12.03.85", "учитель физкультуры", "12 л.", "", "+7 912 3456780"],
    [3, "Алиев Эльчин Рашид оглы", "1985-03-12", "учитель истории", "с 2015 г.", "", ""],
    [4, "Мамедова Лейла Ахмед кызы", datetime(1990, 1, 2), "педагог-психолог", "5,5", "", "9123456781"],
]


@pytest.fixture
def curator(world, login):
    return login(world.users["curator"])


def _confirm(client, response, mode="all"):
    return client.post(reverse("people:import_confirm"), {"token": response.context["token"], "mode": mode})


# Values as people write them ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,parts",
    [
        ("Петрова-Водкина Анна Сергеевна", ("Петрова-Водкина", "Анна", "Сергеевна")),
        ("Салтыков Щедрин Михаил Евграфович", ("Салтыков Щедрин", "Михаил", "Евграфович")),
        ("Иванов Пётр", ("Иванов", "Пётр", "")),
        ("Алиев Эльчин Рашид оглы", ("Алиев", "Эльчин", "Рашид оглы")),
        ("Мамедова Лейла Ахмед кызы", ("Мамедова", "Лейла", "Ахмед кызы")),
    ],
)
def test_full_name_is_split_into_three_parts(text, parts):
    assert importer.split_full_name(text) == parts


@pytest.mark.parametrize(
    "first,middle,gender",
    [
        ("Анна", "Сергеевна", "f"),
        ("Пётр", "", "m"),
        ("Эльчин", "Рашид оглы", "m"),
        ("Лейла", "Ахмед кызы", "f"),
        ("Саша", "", ""),
    ],
)
def test_gender_is_inferred_from_the_patronymic_or_the_name(first, middle, gender):
    assert importer.infer_gender(first, middle) == gender


@pytest.mark.parametrize(
    "value,years",
    [
        ("5", 5),
        (5, 5),
        ("5 лет", 5),
        ("5,5", 5),
        ("12 л.", 12),
        ("1 год", 1),
        ("3 года 2 мес.", 3),
        ("нет", 0),
    ],
)
def test_experience_is_read_as_written(value, years):
    assert importer.parse_years(value) == years


def test_experience_since_a_year_counts_the_years_to_now():
    assert importer.parse_years("с 2015 г.") == date.today().year - 2015


@pytest.mark.parametrize("value", ["много", "80 лет", "-3"])
def test_unreadable_experience_is_refused(value):
    with pytest.raises(ValueError):
        importer.parse_years(value)


@pytest.mark.parametrize(
    "value", ["12.03.1985", "12.03.85", "1985-03-12", "12.03.1985 г.", datetime(1985, 3, 12), 31118]
)
def test_dates_are_read_as_written_and_as_excel_keeps_them(value):
    assert importer.parse_date(value) == date(1985, 3, 12)


@pytest.mark.parametrize("value", ["8 (912) 345-67-89", "+7 912 3456789", "9123456789", "7-912-345-67-89"])
def test_phones_are_normalized(value):
    assert importer.normalize_phone(value) == "+7 912 345-67-89"


@pytest.mark.parametrize("value", ["5А", "5 «А»", "5-а", "5 а", '5 "А"', f"5{NBSP}А"])
def test_classes_are_brought_to_one_form(value):
    assert importer.normalize_class(value) == "5А"


@pytest.mark.parametrize(
    "header", ["ФИО", "Ф.И.О.", "Фамилия Имя Отчество", "Фамилия, имя, отчество", f" ФИО{NBSP}"]
)
def test_full_name_headers_are_recognised(header, world):
    mapping = importer.guess_mapping([header, "Дата рождения"], Person.Kind.STAFF, world.org)
    assert mapping == {header: "full_name", "Дата рождения": "birth_date"}


# The school's staff file -------------------------------------------------------------------------


def test_a_staff_file_as_the_school_keeps_it_imports_without_reshaping(world, curator):
    before = _count(world)
    response = _upload(curator, xlsx(SCHOOL_HEADER, SCHOOL_ROWS))
    assert response.context["mapping_form"] is None  # every header recognised, «№» left out
    preview = response.context["preview"]
    assert preview.mapping["№"] is None and preview.mapping["Ф.И.О."] == "full_name"
    assert preview.is_valid, [r.errors for r in preview.rows]
    page = response.content.decode()
    assert "(по имени и отчеству — проверьте)" in page
    assert _count(world) == before  # nothing written before the curator confirms
    _confirm(curator, response)
    assert _count(world) == before + 4
    anna = Person.objects.get(organization=world.org, last_name="Петрова-Водкина")
    assert (anna.first_name, anna.middle_name, anna.gender) == ("Анна", "Сергеевна", "f")
    assert (anna.birth_date, anna.experience_years, anna.email, anna.phone) == (
        date(1985, 3, 12),
        5,
        "anna@school.ru",
        "+7 912 345-67-89",
    )
    petr = Person.objects.get(organization=world.org, last_name="Иванов", first_name="Пётр")
    assert (petr.middle_name, petr.gender, petr.birth_date, petr.experience_years) == (
        "",
        "m",
        date(1985, 3, 12),
        12,
    )
    assert petr.phone == "+7 912 345-67-80"
    aliev = Person.objects.get(organization=world.org, last_name="Алиев")
    assert (aliev.middle_name, aliev.gender) == ("Рашид оглы", "m")
    leyla = Person.objects.get(organization=world.org, last_name="Мамедова")
    assert (leyla.gender, leyla.birth_date, leyla.experience_years) == ("f", date(1990, 1, 2), 5)


def test_an_unknown_header_is_asked_about_and_the_rest_recognised(world, curator):
    response = _upload(curator, xlsx([*SCHOOL_HEADER, "Табельный номер"], [[*r, 17] for r in SCHOOL_ROWS]))
    form = response.context["mapping_form"]
    assert [f.label for f in form if f.field.unknown] == ["Табельный номер"]
    assert form["col_1"].value() == "full_name"
    data = {f.html_name: f.value() or "" for f in form}
    response = curator.post(reverse("people:import_map"), {"token": response.context["token"], **data})
    assert response.context["preview"].is_valid


def test_the_mapping_is_remembered_for_the_organization_only(world, curator, login):
    header = ["Сотрудник школы", "Дата рождения"]
    rows = [["Соколова Елена Викторовна", "01.02.1980"]]
    response = _upload(curator, xlsx(header, rows))
    assert response.context["mapping_form"] is not None
    response = curator.post(
        reverse("people:import_map"),
        {"token": response.context["token"], "col_0": "full_name", "col_1": "birth_date"},
    )
    assert response.context["preview"].is_valid
    assert (
        ImportColumnMapping.objects.get(organization=world.org, header="сотрудник школы").field == "full_name"
    )
    # Next time the same header goes straight to the preview…
    response = _upload(curator, xlsx(header, rows))
    assert response.context["mapping_form"] is None and response.context["preview"].is_valid
    # …but not in another school.
    other = login(world.other_curator)
    response = _upload(other, xlsx(header, rows))
    assert response.context["mapping_form"] is not None


def test_a_mapping_without_a_name_is_refused_with_a_message(world, curator):
    response = _upload(curator, xlsx(["Кто", "Когда родился"], [["Соколова Елена", "01.02.1980"]]))
    response = curator.post(
        reverse("people:import_map"), {"token": response.context["token"], "col_0": "", "col_1": "birth_date"}
    )
    assert "Укажите столбец с ФИО" in response.content.decode()
    assert response.context["preview"] is None
    assert not ImportColumnMapping.objects.filter(organization=world.org).exists()


# CSV and .xls ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding,delimiter",
    [("cp1251", ";"), ("utf-8-sig", ","), ("utf-8", ";")],
    ids=["1251", "utf8-bom", "utf8"],
)
def test_csv_is_read_in_either_encoding_and_delimiter(world, curator, encoding, delimiter):
    lines = [
        delimiter.join(["ФИО", "Дата рождения", "Стаж"]),
        delimiter.join(["Соколова Елена Викторовна", "01.02.1980", '"5,5"' if delimiter == "," else "5,5"]),
    ]
    response = _upload(curator, "\r\n".join(lines).encode(encoding), name="spisok.csv")
    preview = response.context["preview"]
    assert preview.is_valid, preview.rows[0].errors
    assert preview.rows[0].values["experience_years"] == 5
    assert preview.rows[0].full_name == "Соколова Елена Викторовна"


# Students with their representatives --------------------------------------------------------------


def test_students_come_with_their_representatives_in_one_file(world, curator):
    header = [
        "ФИО обучающегося",
        "Дата рождения",
        "Класс",
        "ФИО родителя",
        "Телефон родителя",
        "Кем приходится",
    ]
    rows = [
        ["Киселёв Артём Денисович", "10.10.2013", "5 «Б»", "Киселёва Анна Павловна", "89001112233", "мама"],
        ["Лаптева Вера", "11.11.2013", "5-б", "Лаптев Олег Ильич", "", "отец"],
    ]
    response = _upload(curator, xlsx(header, rows), kind="student")
    assert response.context["mapping_form"] is None
    assert response.context["preview"].is_valid, [r.errors for r in response.context["preview"].rows]
    _confirm(curator, response)
    rep = LegalRepresentative.objects.get(student__last_name="Киселёв")
    assert (rep.full_name, rep.relation, rep.phone, rep.student.school_class) == (
        "Киселёва Анна Павловна",
        "mother",
        "+7 900 111-22-33",
        "5Б",
    )
    assert LegalRepresentative.objects.get(student__last_name="Лаптева").relation == "father"


# Already in the registry --------------------------------------------------------------------------


def test_a_person_already_in_the_registry_is_updated_field_by_field(world, curator):
    known = PersonFactory(
        organization=world.org,
        last_name="Соколова",
        first_name="Елена",
        middle_name="Викторовна",
        birth_date=date(1980, 2, 1),
        position="учитель",
        experience_years=3,
        email="",
    )
    by_mail = PersonFactory(
        organization=world.org, last_name="Старая", first_name="Фамилия", email="n@school.ru"
    )
    header = ["ФИО", "Дата рождения", "Должность", "Стаж", "Почта"]
    rows = [
        ["Соколова Елена Викторовна", "01.02.1980", "учитель математики", "3 года", ""],
        ["Новикова Нина Ивановна", "", "", "", "N@school.ru"],
        ["Орлова Ольга Олеговна", "03.03.1990", "", "", ""],
    ]
    before = _count(world)
    response = _upload(curator, xlsx(header, rows))
    preview = response.context["preview"]
    assert [r.status for r in preview.rows] == ["changed", "changed", "new"]
    assert preview.rows[0].changes == [("Должность", "учитель", "учитель математики")]
    assert "Должность: учитель → учитель математики" in response.content.decode()
    _confirm(curator, response)
    assert _count(world) == before + 1
    known.refresh_from_db()
    by_mail.refresh_from_db()
    assert (known.position, known.experience_years) == ("учитель математики", 3)
    assert (by_mail.last_name, by_mail.first_name, by_mail.middle_name) == ("Новикова", "Нина", "Ивановна")
    response = _upload(curator, xlsx(header, rows))
    assert [r.status for r in response.context["preview"].rows] == ["unchanged"] * 3


# One bad row among 200 -----------------------------------------------------------------------------


def _two_hundred_rows(bad: int = 57) -> list[list]:
    rows = [
        [f"Учителева{n:03d} Мария Петровна", f"{1 + n % 28:02d}.{1 + n % 12:02d}.1985", "7 лет", ""]
        for n in range(200)
    ]
    rows[bad][3] = "не-почта"
    return rows


def test_one_bad_row_among_200_offers_the_199_valid_rows_and_an_error_file(world, curator):
    header = ["ФИО", "Дата рождения", "Стаж", "Электронная почта"]
    before = _count(world)
    response = _upload(curator, xlsx(header, _two_hundred_rows()))
    page = response.content.decode()
    assert "Загрузить 199 верных строк" in page
    assert "Подтвердить загрузку" not in page
    assert "Скачать строки с ошибками (.xlsx)" in page
    errors = curator.get(reverse("people:import_errors"))
    sheet = load_workbook(io.BytesIO(errors.content)).active
    assert [c.value for c in sheet[1]] == [*header, "Ошибка"]
    assert sheet.max_row == 2
    assert sheet["A2"].value == "Учителева057 Мария Петровна"
    assert "Адрес почты «не-почта» неверен." in sheet["E2"].value
    assert "Адрес почты" in sheet["D2"].comment.text
    assert _count(world) == before  # nothing written until the curator chooses

    # All or nothing, asked for anyway, writes nothing.
    curator.post(reverse("people:import_confirm"), {"token": response.context["token"], "mode": "all"})
    assert _count(world) == before
    response = _confirm(curator, response, mode="valid")
    assert response.status_code == 302
    assert _count(world) == before + 199
    page = curator.get(reverse("people:import_upload")).content.decode()
    assert "Строк с ошибками не записано: 1." in page
    assert curator.get(reverse("people:import_errors")).status_code == 200  # still downloadable
    response = curator.post(reverse("people:import_confirm"), {"token": "x", "mode": "valid"}, follow=True)
    assert "устарела" in response.content.decode()
    assert _count(world) == before + 199


def test_text_that_looks_like_a_formula_stays_text_in_the_error_file(world, curator):
    evil = '=HYPERLINK("http://evil.example","x")'
    quoted = '"' + evil.replace('"', '""') + '"'
    csv = f"ФИО;Должность;Электронная почта\nИванова Мария;{quoted};нет\n"
    _upload(curator, csv.encode(), name="list.csv")
    sheet = load_workbook(io.BytesIO(curator.get(reverse("people:import_errors")).content)).active
    assert sheet["B2"].value == evil and sheet["B2"].data_type == "s"


def test_the_mapping_can_be_changed_from_the_preview(world, curator):
    response = _upload(curator, xlsx(["ФИО", "Телефон"], [["Иванова Мария Петровна", "89123456789"]]))
    token = response.context["token"]
    response = curator.post(reverse("people:import_map"), {"token": token, "edit": "1"})
    form = response.context["mapping_form"]
    assert [form[f"col_{i}"].value() for i in range(2)] == ["full_name", "phone"]
    response = curator.post(reverse("people:import_map"), {"token": token, "col_0": "full_name", "col_1": ""})
    preview = response.context["preview"]
    assert preview.mapping == {"ФИО": "full_name", "Телефон": None}
    assert preview.rows[0].values["phone"] == ""


def test_a_stale_mapping_is_refused(world, curator):
    response = curator.post(
        reverse("people:import_map"), {"token": "nope", "col_0": "full_name"}, follow=True
    )
    assert "устарела" in response.content.decode()
    assert not ImportColumnMapping.objects.exists()


def test_a_file_waiting_for_its_mapping_cannot_be_confirmed(world, curator):
    before = _count(world)
    response = _upload(curator, xlsx(["Кто", "Дата рождения"], [["Соколова Елена", "01.02.1980"]]))
    assert response.context["mapping_form"] is not None
    response = curator.post(
        reverse("people:import_confirm"), {"token": response.context["token"], "mode": "all"}, follow=True
    )
    assert "Файл ещё не проверен" in response.content.decode()
    assert _count(world) == before


def test_someone_added_after_the_preview_is_updated_not_duplicated(world, curator):
    response = _upload(
        curator,
        xlsx(["ФИО", "Дата рождения", "Должность"], [["Соколова Елена Викторовна", "01.02.1980", "завуч"]]),
    )
    assert response.context["preview"].rows[0].status == "new"
    person = PersonFactory(
        organization=world.org,
        last_name="Соколова",
        first_name="Елена",
        middle_name="Викторовна",
        birth_date=date(1980, 2, 1),
    )
    before = _count(world)
    _confirm(curator, response)
    assert _count(world) == before
    person.refresh_from_db()
    assert person.position == "завуч"


def test_the_error_file_of_another_session_is_not_served(world, curator, login):
    _upload(curator, xlsx(["ФИО", "Электронная почта"], [["Иванова Мария", "нет"]]))
    other = login(world.other_curator)
    response = other.get(reverse("people:import_errors"))
    assert response.status_code == 302


def test_preview_queries_do_not_grow_with_the_rows(world, curator):
    def queries(n: int) -> int:
        for k in range(n):
            PersonFactory(organization=world.org, last_name=f"Знакомая{n}x{k}", birth_date=date(1980, 1, 1))
        rows = [[f"Знакомая{n}x{k} Мария Петровна", "01.01.1980"] for k in range(n)]
        content = xlsx(["ФИО", "Дата рождения"], rows)
        with CaptureQueriesContext(connection) as captured:
            _upload(curator, content)
        return len(captured)

    assert queries(3) == queries(30)


def test_error_file_queries_do_not_grow_with_the_rows(world, curator):
    def queries(n: int) -> int:
        rows = [[f"Ошибкина{n}x{k} Мария Петровна", "не-почта"] for k in range(n)]
        _upload(curator, xlsx(["ФИО", "Электронная почта"], rows))
        with CaptureQueriesContext(connection) as captured:
            response = curator.get(reverse("people:import_errors"))
        assert load_workbook(io.BytesIO(response.content)).active.max_row == n + 1
        return len(captured)

    assert queries(3) == queries(30)


# The command --------------------------------------------------------------------------------------


def test_command_prints_json_and_writes_only_valid_rows_when_asked(world, tmp_path):
    path = tmp_path / "staff.xlsx"
    path.write_bytes(
        xlsx(
            ["ФИО", "Дата рождения", "Стаж", "Электронная почта", "Табельный номер"],
            [
                ["Соколова Елена Викторовна", "01.02.1980", "5 лет", "", "17"],
                ["Иванова Мария", "01.02.1981", "", "не-почта", "18"],
            ],
        )
    )
    before = _count(world)
    out = io.StringIO()
    call_command(
        "import_people", str(path), organization=world.org.slug, dry_run=True, output="json", stdout=out
    )
    report = json.loads(out.getvalue())
    assert report == {
        "rows": 2,
        "valid": 1,
        "new": 1,
        "updated": 0,
        "mapping": {
            "ФИО": "full_name",
            "Дата рождения": "birth_date",
            "Стаж": "experience_years",
            "Электронная почта": "email",
            "Табельный номер": None,
        },
        "errors": [
            {
                "row": 3,
                "column": "Электронная почта",
                "value": "не-почта",
                "message": "Адрес почты «не-почта» неверен.",
            }
        ],
    }
    assert _count(world) == before
    with pytest.raises(CommandError, match="Ничего не записано"):
        call_command(
            "import_people",
            str(path),
            organization=world.org.slug,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert _count(world) == before
    call_command(
        "import_people",
        str(path),
        "--valid-only",
        organization=world.org.slug,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert _count(world) == before + 1


def test_command_guesses_students_from_their_columns(world, tmp_path):
    path = tmp_path / "students.csv"
    path.write_bytes("ФИО;Класс;Дата рождения\nКиселёв Артём Денисович;5А;10.10.2013\n".encode("cp1251"))
    call_command("import_people", str(path), organization=world.org.slug, stdout=io.StringIO())
    assert Person.objects.get(last_name="Киселёв").kind == Person.Kind.STUDENT


def test_command_refuses_an_xls_with_the_advice_to_save_as_xlsx(world, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(CommandError, match=r"\.xlsx"):
        call_command("import_people", str(path), organization=world.org.slug)


# Whatever people type ------------------------------------------------------------------------------

CELL = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.none(),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=7, max_size=7), min_size=1, max_size=5))
def test_any_cell_value_gives_a_row_error_never_a_crash(world, rows):
    header = ["ФИО", "Дата рождения", "Стаж", "Электронная почта", "Телефон", "Класс", "Кем приходится"]
    table = importer.Table(header=header, rows=rows, format="xlsx")
    for kind in (Person.Kind.STAFF, Person.Kind.STUDENT):
        mapping = {
            h: f for h, f in importer.guess_mapping(header, kind, world.org).items() if f != importer.UNKNOWN
        }
        preview = importer.parse(table, kind, world.org, mapping)
        assert len(preview.rows) == len(rows)
        importer.errors_workbook(preview)
