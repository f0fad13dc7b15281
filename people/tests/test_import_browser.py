"""The mapping step of the people import in a real browser: a file with a header the import does
not know is mapped through the selects, previewed and written; the next file skips the step."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_world(transactional_db):
    from mentoring.tests.world import build_world

    return build_world()


def _file(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ф.И.О.", "Когда родился", "Стаж", "Табельный номер"])
    sheet.append(["Лебедева Ольга Игоревна", "12.05.1999", "1 год", "17"])
    sheet.append(["Громов Илья Сергеевич", "03.04.1988", "10 лет", "18"])
    workbook.save(path)
    return path


def test_curator_maps_an_unknown_column_and_imports(page, live_server, browser_world, tmp_path):
    from people.models import Person

    url = live_server.url
    log_in(page, url, "curator")
    page.goto(url + "/people/import/")
    page.select_option("#id_kind", "staff")
    page.set_input_files("#id_file", _file(tmp_path / "kadry.xlsx"))
    page.get_by_role("button", name="Проверить файл").click()

    page.get_by_text("Что в каждом столбце?").wait_for()
    assert page.locator("tr.table-warning").count() == 2  # «Когда родился», «Табельный номер»
    assert page.get_by_label("Ф.И.О.").input_value() == "full_name"
    page.get_by_label("Когда родился").select_option(label="Дата рождения")
    page.get_by_label("Табельный номер").select_option(label="не загружать")
    page.get_by_role("button", name="Сопоставить и проверить").click()

    page.get_by_text("Ошибок нет. Новых участников: 2").wait_for()
    row = page.locator("tbody tr", has_text="Лебедева Ольга Игоревна")
    assert "женский" in row.inner_text() and "12.05.1999" in row.inner_text()
    assert not Person.objects.filter(last_name="Лебедева").exists()
    page.get_by_role("button", name="Подтвердить загрузку (2)").click()
    page.wait_for_url(url + "/people/")
    olga = Person.objects.get(last_name="Лебедева")
    assert (olga.gender, olga.experience_years, str(olga.birth_date)) == ("f", 1, "1999-05-12")

    # The same layout again: the remembered mapping is used, no question asked.
    page.goto(url + "/people/import/")
    page.set_input_files("#id_file", _file(tmp_path / "kadry2.xlsx"))
    page.get_by_role("button", name="Проверить файл").click()
    page.get_by_text("уже есть в реестре: 2").wait_for()
    assert page.get_by_text("Что в каждом столбце?").count() == 0
