"""The .xlsx exports opened with openpyxl: figures, cell types, neutralised formulas, the split."""

from __future__ import annotations

import io
from datetime import date
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jobs.testing import export
from reports.monitoring.tests import stats_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    return stats_data.build(world)


def download(client, kind: str, **params):
    response = export(client, reverse("statistics:export", args=[kind]), params)
    assert response.status_code == 200, response.status_code
    body = b"".join(response.streaming_content)
    return response, load_workbook(io.BytesIO(body))


def rows_of(sheet) -> list[tuple]:
    """Data rows (below the caption and the header)."""
    return list(sheet.iter_rows(min_row=3, values_only=True))


def header_of(sheet) -> list[str]:
    return [c for c in next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))]


def test_registry_lists_every_participant_with_typed_cells(world, data, login, client):
    login(world.users["curator"])
    response, wb = download(client, "registry", year=data["year"].start_year)
    filename = unquote(response["Content-Disposition"].split("''", 1)[1])
    year = data["year"]
    assert filename == (
        f"Реестр участников программы наставничества {year.start_year}-{year.start_year + 1} "
        f"{date.today():%d.%m.%Y}.xlsx"
    )
    assert wb.sheetnames == ["Школа А"]
    sheet = wb["Школа А"]
    assert "Школа А" in sheet["A1"].value
    assert sheet.freeze_panes == "A3"
    assert sheet["A2"].font.b
    assert sheet.auto_filter.ref.startswith("A2:")
    header = header_of(sheet)
    rows = [dict(zip(header, row, strict=False)) for row in rows_of(sheet)]
    # 3 mentors + 3 mentees in pairs, and the waiting mentee without a pair.
    assert len(rows) == 7
    roles = [r["Роль"] for r in rows]
    assert roles.count("наставник") == 3 and roles.count("наставляемый") == 4
    young = next(r for r in rows if r["Фамилия, имя, отчество"].startswith("Юная"))
    assert young["Пара (группа): с кем"].startswith(stats_data.HYPERLINK)
    assert young["Статус пары"] == "действует"
    assert young["Форма наставничества"] == "учитель – учитель"
    assert young["Возрастная группа"] == "до 35 лет"
    assert young["Стаж, лет"] == 1 and isinstance(young["Стаж, лет"], int)
    assert isinstance(young["Дата рождения"], date) and isinstance(young["Начало"], date)
    assert young["Согласие на обработку ПДн"] == "действует"
    assert isinstance(young["Согласие подписано"], date)
    assert young["Категория"] == "молодой специалист (стаж до 3 лет)"
    pupil = next(r for r in rows if r["Фамилия, имя, отчество"].startswith("Малышев"))
    assert pupil["Возрастная группа"] == "10–14 лет" and pupil["Статус пары"] == "прекращена"
    waiting = next(r for r in rows if r["Фамилия, имя, отчество"].startswith("Ждущая"))
    assert waiting["Пара (группа): с кем"] == "без пары" and waiting["Начало"] is None
    assert waiting["Согласие на обработку ПДн"] == "не действует"
    assert all(not r["Фамилия, имя, отчество"].startswith("Чуж") for r in rows)


def test_a_name_that_looks_like_a_formula_is_text(world, data, login, client):
    login(world.users["director"])
    _, wb = download(client, "registry", year=data["year"].start_year)
    sheet = wb["Школа А"]
    cells = [row[1] for row in sheet.iter_rows(min_row=3)]
    evil = next(c for c in cells if c.value.startswith("=HYPERLINK"))
    assert evil.data_type == "s" and evil.quotePrefix
    # The mentee's «с кем» column names the mentor, also starting with «=».
    partner = next(row[12] for row in sheet.iter_rows(min_row=3) if row[1].value.startswith("Юная"))
    assert partner.value.startswith("=HYPERLINK") and partner.data_type == "s" and partner.quotePrefix


def test_admin_gets_a_summary_and_a_sheet_per_organization(world, data, login, client):
    login(world.users["admin"])
    _, wb = download(client, "registry", year=data["year"].start_year)
    assert wb.sheetnames == ["Сводка", "Школа А", "Школа Б"]
    summary = {row[0]: row[1:] for row in rows_of(wb["Сводка"])}
    assert summary["Школа А"] == (3, 4, 7)
    assert summary["Школа Б"] == (1, 1, 2)
    assert summary["Итого"] == (4, 5, 9)
    assert_totals_below_the_filter(wb["Сводка"])
    other = rows_of(wb["Школа Б"])
    assert len(other) == 2 and all(r[1].startswith("Чуж") for r in other)


def test_admin_may_pick_one_organization(world, data, login, client):
    login(world.users["admin"])
    _, wb = download(client, "registry", year=data["year"].start_year, org=world.other_org.pk)
    assert wb.sheetnames == ["Школа Б"]


def test_statistical_form_has_the_figures_as_numbers(world, data, login, client):
    login(world.users["curator"])
    _, wb = download(client, "form", year=data["year"].start_year)
    sheet = wb["Школа А"]
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=3)}
    assert values["Педагогов в возрасте до 35 лет, участвующих в программе"].value == 2
    assert values["Обучающихся 10–18 лет — наставляемых"].value == 1
    assert values["Обучающихся 15–18 лет — наставников"].value == 1
    assert values["Наставников, прошедших обучение"].value == 2
    assert values["Пар и групп прекращено досрочно"].value == 1
    share = values["Доля программ, реализованных не менее чем на 90 %"]
    assert share.value == 0.5 and share.number_format == "0.0%"
    assert values["Удовлетворённость участников, средняя оценка (1–10)"].value == 8.0
    assert values["Форма «ученик – ученик»: наставников"].value == 1
    assert isinstance(values["Пар и групп всего"].value, int)


def test_statistical_form_summary_for_the_admin(world, data, login, client):
    login(world.users["admin"])
    _, wb = download(client, "form", year=data["year"].start_year)
    assert wb.sheetnames == ["Сводка", "Школа А", "Школа Б"]
    summary = wb["Сводка"]
    header = header_of(summary)
    rows = {row[0]: dict(zip(header, row, strict=False)) for row in rows_of(summary)}
    col = "Наставников в программе (банк и пары учебного года)"
    assert (rows["Школа А"][col], rows["Школа Б"][col], rows["Итого"][col]) == (3, 1, 4)
    assert rows["Итого"]["Отзывов участников о встречах"] == 3
    assert_totals_below_the_filter(summary)
    share_column = header.index("Доля программ, реализованных не менее чем на 90 %") + 1
    for row in summary.iter_rows(min_row=3):
        share = row[share_column - 1]
        assert share.value is None or (0 <= share.value <= 1 and share.number_format == "0.0%")


def assert_totals_below_the_filter(sheet) -> None:
    """«Итого» is the last row, outside the autofilter's range, which ends on the row above it."""
    total = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "Итого")[0]
    assert total.row == sheet.max_row and total.font.bold
    assert sheet.auto_filter.ref.endswith(str(total.row - 1))
    assert sheet.auto_filter.ref.startswith("A2:")


def test_meeting_journal(world, data, login, client):
    login(world.users["admin"])
    _, wb = download(client, "meetings", year=data["year"].start_year)
    summary = {row[0]: row[1:] for row in rows_of(wb["Сводка"])}
    assert summary["Школа А"][:2] == (1, 2) and summary["Школа Б"][:3] == (1, 1, 1.0)
    header = header_of(wb["Школа А"])
    rows = [dict(zip(header, row, strict=False)) for row in rows_of(wb["Школа А"])]
    assert len(rows) == 1
    (row,) = rows
    assert isinstance(row["Дата"], date) and row["Мин."] == 45
    assert row["Присутствовали, чел."] == 2 and row["Отзывов"] == 2
    assert (row["Польза (ср.)"], row["Комфорт (ср.)"], row["Ясность (ср.)"]) == (8.0, 9.0, 7.0)
    assert row["Наставляемые"].startswith("Юная")


def test_unknown_export_is_404(world, login, client):
    login(world.users["curator"])
    assert client.post(reverse("statistics:export", args=["nothing"])).status_code == 404
