"""Statistical forms as data: the default form is the built-in one, a region's own form is rows
picked from the known indicators, the page and the export follow the chosen form."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports.monitoring import statistics
from reports.monitoring.models import StatisticalForm, StatisticalFormRow
from reports.monitoring.tests import stats_data
from reports.monitoring.tests.test_exports import download, header_of, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    return stats_data.build(world)


@pytest.fixture
def admin_client(world, login):
    user = world.users["admin"]
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return login(user)


def custom_form(municipality=None) -> StatisticalForm:
    form = StatisticalForm.objects.create(name="Региональная форма", municipality=municipality)
    for position, (number, label, key) in enumerate(
        [
            ("1", "Пары (группы)", "pairs_total"),
            ("1.1", "Удовлетворённость", "satisfaction"),
            ("2", "Наставники", "mentors"),
        ],
        start=1,
    ):
        StatisticalFormRow.objects.create(
            form=form, position=position, number=number, label=label, indicator=key, kind=""
        )
    return form


def built_in_rows(figures: statistics.Figures) -> list[tuple]:
    """The form as the code always wrote it: every built-in indicator, then form × role."""
    rows = [(label, getattr(figures, attr)) for attr, label, _ in statistics.INDICATORS]
    for name in statistics.form_names(figures):
        rows.append((f"Форма «{name}»: наставников", figures.by_form[name]["mentors"]))
        rows.append((f"Форма «{name}»: наставляемых", figures.by_form[name]["mentees"]))
    return rows


def test_the_default_form_is_the_built_in_one():
    form = StatisticalForm.objects.get(is_default=True)
    assert form.municipality is None
    assert form.lines() == statistics.DEFAULT_LINES


def test_default_form_exports_the_built_in_rows_and_values(world, data, login, client):
    login(world.users["admin"])
    _, wb = download(client, "form", year=data["year"].start_year)
    figures = statistics.compute([world.org.pk, world.other_org.pk], data["year"])
    for org in (world.org, world.other_org):
        sheet = wb[org.short_name]
        assert [tuple(row) for row in rows_of(sheet)] == built_in_rows(figures[org.pk])
        cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=3)}
        for _, label, kind in statistics.INDICATORS:
            if cells[label].value is not None:  # an empty cell has no format
                assert cells[label].number_format == {"int": "0", "share": "0.0%", "score": "0.00"}[kind]
    assert header_of(wb["Сводка"]) == ["Организация", *(label for _, label, _ in statistics.INDICATORS)]


def test_a_custom_form_exports_its_rows_in_its_order(world, data, login, client):
    form = custom_form()
    login(world.users["curator"])
    _, wb = download(client, "form", year=data["year"].start_year, form=form.pk)
    figures = statistics.compute([world.org.pk], data["year"])[world.org.pk]
    rows = rows_of(wb["Школа А"])
    assert [tuple(row) for row in rows[:3]] == [
        ("1. Пары (группы)", figures.pairs_total),
        ("1.1. Удовлетворённость", figures.satisfaction),
        ("2. Наставники", figures.mentors),
    ]
    assert figures.pairs_total == 3 and figures.mentors == 3
    # Then the participants by form of mentoring, as in every form.
    assert all(str(row[0]).startswith("Форма «") for row in rows[3:])
    assert wb["Школа А"]["B4"].number_format == "0.00"  # the kind comes from the indicator


def test_statistics_page_offers_the_forms_and_shows_the_chosen_one(world, data, login, client):
    form = custom_form()
    login(world.users["curator"])
    url = reverse("statistics:index")
    page = client.get(url, {"year": data["year"].start_year}).content.decode()
    assert 'name="form"' in page and "Региональная форма" in page
    assert "Наставников, работавших в парах и группах за учебный год" in page  # the default form's rows
    page = client.get(url, {"year": data["year"].start_year, "form": form.pk}).content.decode()
    assert "1.1. Удовлетворённость" in page
    assert "Наставников, работавших в парах и группах за учебный год" not in page
    assert f"form={form.pk}" in page  # the export buttons take the chosen form


def test_no_selector_when_only_the_default_form_applies(world, data, login, client):
    custom_form(municipality=world.other_org.municipality)
    login(world.users["curator"])
    page = client.get(reverse("statistics:index")).content.decode()
    assert 'name="form"' not in page


def test_a_form_of_another_municipality_is_404(world, data, login, client):
    form = custom_form(municipality=world.other_org.municipality)
    login(world.users["curator"])
    assert client.get(reverse("statistics:index"), {"form": form.pk}).status_code == 404
    assert client.get(reverse("statistics:index"), {"form": "x"}).status_code == 404


def test_a_municipal_form_applies_to_its_schools(world, data, login, client):
    form = custom_form(municipality=world.org.municipality)
    login(world.users["curator"])
    page = client.get(reverse("statistics:index"), {"form": form.pk}).content.decode()
    assert "1.1. Удовлетворённость" in page


def test_unknown_indicator_is_refused():
    form = StatisticalForm.objects.create(name="Новая")
    row = StatisticalFormRow(form=form, position=1, number="1", label="Что-то", indicator="salary")
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "indicator" in refused.value.message_dict
    assert not StatisticalFormRow.objects.filter(form=form).exists()


def test_a_row_without_label_or_kind_takes_the_indicators():
    row = StatisticalFormRow(
        form=StatisticalForm.objects.create(name="Новая"), position=1, indicator="clarity"
    )
    row.full_clean()
    assert (row.label, row.kind) == ("Ясность следующих шагов, средняя оценка (1–10)", "score")


def inline_post(rows: list[tuple[str, str, str]]) -> dict:
    post = {
        "name": "Форма округа",
        "municipality": "",
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for i, (number, indicator, label) in enumerate(rows):
        post |= {
            f"rows-{i}-position": str(i + 1),
            f"rows-{i}-number": number,
            f"rows-{i}-label": label,
            f"rows-{i}-indicator": indicator,
            f"rows-{i}-kind": "",
        }
    return post


def test_admin_adds_a_form_with_rows(admin_client):
    post = inline_post([("1", "mentees", ""), ("2", "programs_kpi_share", "Доля программ")])
    response = admin_client.post(reverse("admin:monitoring_statisticalform_add"), post)
    assert response.status_code == 302
    form = StatisticalForm.objects.get(name="Форма округа")
    assert [(line.number, line.label, line.kind) for line in form.lines()] == [
        ("1", "Наставляемых в программе (банк и пары учебного года)", "int"),
        ("2", "Доля программ", "share"),
    ]


def test_admin_refuses_an_unknown_indicator(admin_client):
    post = inline_post([("1", "mentees", ""), ("2", "salary", "Зарплата")])
    response = admin_client.post(reverse("admin:monitoring_statisticalform_add"), post)
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not StatisticalForm.objects.filter(name="Форма округа").exists()


def test_admin_refuses_repeated_numbers(admin_client):
    post = inline_post([("1.2", "mentees", ""), ("1.2", "mentors", "")])
    response = admin_client.post(reverse("admin:monitoring_statisticalform_add"), post)
    assert response.status_code == 200
    assert "Номер строки «1.2» повторяется" in response.content.decode()
    assert not StatisticalForm.objects.filter(name="Форма округа").exists()


def test_a_second_default_form_is_refused():
    with pytest.raises(ValidationError) as refused:
        StatisticalForm(name="Ещё одна", is_default=True).full_clean()
    assert "Форма по умолчанию может быть только одна." in str(refused.value)
