"""In a real browser: the curator imports a Word roadmap and submits it, the director approves it,
the responsible mentor marks an activity done."""

from __future__ import annotations

import pytest

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = "/work/shared/samples/ddt-ermak-2023-2024.docx"


@pytest.fixture
def browser_world(transactional_db):
    from mentoring.tests.world import build_world
    from people.models import Person

    world = build_world()
    # The mentor of the test school is the «Нечесова А.А.» the sample names as responsible.
    Person.objects.filter(user=world.users["mentor"]).update(
        last_name="Нечесова", first_name="Анна", middle_name="Андреевна"
    )
    return world


def _log_out(page):
    page.locator(".navbar .dropdown-toggle").last.click()
    page.get_by_role("button", name="Выйти").click()


def test_import_approve_and_mark_done(page, live_server, browser_world):
    from roadmap.models import Activity, Roadmap

    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server.url, "curator")
    page.goto(live_server.url + "/roadmap/import/")
    page.set_input_files("#id_file", SAMPLE)
    page.select_option("#id_year", "2023")
    page.get_by_role("button", name="Прочитать файл").click()
    assert page.get_by_text("Проверьте прочитанное").is_visible()
    assert page.get_by_text("выходит за пределы 2023/2024 учебного года").is_visible()
    # Row 3 («Информирование…: - совет; - сайт; - сообщества») is split; the curator keeps it whole.
    page.locator('input[name="keep_whole"][value="3"]').check()
    page.get_by_role("button", name="Применить выбор строк").click()
    assert page.locator('input[name="keep_whole"][value="3"]').is_checked()
    page.get_by_role("button", name="Сохранить как черновик").click()
    page.get_by_text("Дорожная карта импортирована как черновик.").wait_for()
    assert Activity.objects.count() == 19  # 21 with every split, the three items of row 3 as one
    page.get_by_role("button", name="Отправить на утверждение").click()
    assert page.get_by_text("отправлена на утверждение").is_visible()
    _log_out(page)

    log_in(page, live_server.url, "director")
    roadmap = Roadmap.objects.get()
    page.goto(live_server.url + roadmap.get_absolute_url())
    # The stamp read from the file is already in the form: order 231 of 01.09.2023.
    assert page.input_value("#id_order_number") == "231"
    page.get_by_role("button", name="Утвердить", exact=True).click()
    assert page.get_by_text("Дорожная карта утверждена.").is_visible()
    _log_out(page)

    log_in(page, live_server.url, "mentor")
    page.goto(live_server.url + "/roadmap/my/")
    page.get_by_role("link", name="статус").first.click()
    page.select_option("#id_status", "done")
    page.fill("#id_completed_on", "2023-09-14")
    page.fill("#id_evidence_note", "Приказ от 14.09.2023 № 240")
    page.get_by_role("button", name="Сохранить").click()
    assert page.get_by_text("Статус мероприятия изменён.").is_visible()
    assert Activity.objects.filter(status="done", evidence_note="Приказ от 14.09.2023 № 240").count() == 1
    # No script or style was refused by the Content Security Policy on the way.
    assert not [e for e in errors if "Content Security Policy" in e]
