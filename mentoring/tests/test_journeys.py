"""The journeys of issue 10 in a real browser, acting only through the interface as people would.

Only the starting data is built with factories; everything the journey is about is done by clicks,
form fills, uploads and downloads in Chromium against the live server.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The smallest file the consent form takes as a scan: it checks the PDF signature.
SCAN = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def browser_world(transactional_db):
    from mentoring.tests.world import build_world

    return build_world()


@pytest.fixture
def console_errors(page):
    """Console errors seen during the journey: none about the Content Security Policy or a missing file."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm buttons
    yield errors
    assert not [e for e in errors if "Content Security Policy" in e], errors
    # Every page asks for an icon: a missing one would be a 404 on each page load.
    assert not [e for e in errors if "Failed to load resource" in e], errors


def _log_out(page) -> None:
    page.locator(".navbar .dropdown-toggle").last.click()
    page.get_by_role("button", name="Выйти").click()


def _workbook(download):
    return load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)


def _expect_text(page, text: str) -> None:
    page.get_by_text(text).first.wait_for()


def test_curator_imports_staff_builds_banks_forms_pair_and_submits_programme(
    page, live_server, browser_world, tmp_path, console_errors
):
    from pairs.models import Pair, Program
    from pairs.tests.factories import give_consent
    from people.models import Mentee, Mentor, Person
    from people.tests.factories import PersonFactory

    url = live_server.url
    experienced = PersonFactory(
        organization=browser_world.org,
        last_name="Соколова",
        first_name="Елена",
        middle_name="Викторовна",
        position="учитель математики",
        experience_years=22,
    )
    give_consent(experienced)
    log_in(page, url, "curator")

    # Import: the template's columns, one young teacher, preview, confirm.
    page.goto(url + "/people/")
    page.get_by_role("link", name="Загрузить из Excel").click()
    with page.expect_download() as template:
        page.get_by_role("link", name="шаблон для педагогов и сотрудников").click()
    assert template.value.suggested_filename == "shablon-sotrudniki.xlsx"
    header = next(_workbook(template.value).active.iter_rows(max_row=1, values_only=True))
    values = {
        "Фамилия": "Лебедева",
        "Имя": "Ольга",
        "Отчество": "Игоревна",
        "Пол": "ж",
        "Дата рождения": "12.05.1999",
        "Должность": "учитель математики",
        "Предметы": "Математика",
        "Стаж, лет": 1,
    }
    workbook = Workbook()
    workbook.active.append(header)
    workbook.active.append([values.get(column, "") for column in header])
    upload = tmp_path / "sotrudniki.xlsx"
    workbook.save(upload)
    page.select_option("#id_kind", "staff")
    page.set_input_files("#id_file", upload)
    page.get_by_role("button", name="Проверить файл").click()
    _expect_text(page, "Ошибок нет. Новых участников: 1, уже есть в реестре: 0.")
    row = page.locator("tbody tr", has_text="Лебедева Ольга Игоревна")
    assert "будет добавлен" in row.inner_text()
    assert not Person.objects.filter(last_name="Лебедева").exists()  # nothing written before confirming
    page.get_by_role("button", name="Подтвердить загрузку (1)").click()
    page.wait_for_url(url + "/people/")
    _expect_text(page, "Добавлено участников: 1; обновлено: 0; уже были в реестре без изменений: 0.")

    # The consent of the imported teacher, with its scan.
    page.get_by_role("link", name="Лебедева Ольга Игоревна").click()
    page.get_by_role("link", name="Внести согласие").click()
    page.set_input_files(
        "#id_scan", files=[{"name": "soglasie.pdf", "mimeType": "application/pdf", "buffer": SCAN}]
    )
    page.get_by_role("button", name="Сохранить согласие").click()
    _expect_text(page, "Согласие внесено.")

    # The mentee bank: the imported teacher, then «ожидает пары».
    page.goto(url + "/people/mentees/")
    page.get_by_role("link", name="Добавить наставляемого").click()
    page.select_option("#id_person", label="Лебедева Ольга Игоревна (учитель математики)")
    page.select_option("#id_category", "young")
    page.get_by_label("планирование и проектирование урока").check()
    page.select_option("#id_desired_form", label="учитель – учитель")
    page.get_by_role("button", name="Внести в банк").click()
    _expect_text(page, "запись внесена в банк")
    page.get_by_label("Новый статус").select_option(label="ожидает пары")
    page.get_by_role("button", name="Изменить статус").click()
    _expect_text(page, "Статус изменён.")

    # The mentor bank: the experienced teacher, interviewed, trained.
    page.goto(url + "/people/mentors/")
    page.get_by_role("link", name="Добавить наставника").click()
    page.select_option("#id_person", label="Соколова Елена Викторовна (учитель математики)")
    page.get_by_label("планирование и проектирование урока").check()
    page.get_by_label("учитель – учитель").check()
    page.fill("#id_subjects", "Математика")
    page.get_by_role("button", name="Внести в банк").click()
    _expect_text(page, "запись внесена в банк")
    for status in ("собеседование пройдено", "обучен"):
        page.get_by_label("Новый статус").select_option(label=status)
        page.get_by_role("button", name="Изменить статус").click()
        _expect_text(page, f"Банк наставников · {status}")
    assert Mentor.objects.get(person=experienced).status == Mentor.Status.TRAINED

    # The pair from the matching suggestions for this mentee.
    page.goto(url + "/pairs/waiting/")
    page.locator("tr", has_text="Лебедева Ольга Игоревна").get_by_role(
        "link", name="Подобрать наставника"
    ).click()
    _expect_text(page, "Подбор наставника: Лебедева Ольга Игоревна")
    suggestion = page.locator("tbody tr", has_text="Соколова Елена Викторовна")
    assert float(suggestion.locator("td.fs-5").inner_text().replace(",", ".")) > 0
    suggestion.get_by_role("link", name="Создать пару").click()
    page.wait_for_url(re.compile(r"/pairs/new/\?"))
    page.select_option("#id_form", label="учитель – учитель")
    page.select_option("#id_type", label="традиционное (один на один)")
    page.fill("#id_mentor_consent_on", date.today().isoformat())
    page.get_by_role("button", name="Создать", exact=True).click()
    _expect_text(page, "Пара (группа) создана в статусе «проект».")

    # Its programme from a template, saved, sent to the director for approval.
    page.get_by_role("button", name="Создать по шаблону").click()
    _expect_text(page, "Программа создана по шаблону")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    _expect_text(page, "Программа сохранена.")
    page.get_by_role("button", name="На утверждение", exact=True).click()
    _expect_text(page, "Программа отправлена руководителю на утверждение.")

    pair = Pair.objects.get()
    assert pair.status == Pair.Status.PROJECT
    assert [link.mentor.person_id for link in pair.pair_mentors.all()] == [experienced.pk]
    mentee = Mentee.objects.get(person__last_name="Лебедева")
    assert [link.mentee_id for link in pair.pair_mentees.all()] == [mentee.pk]
    assert Program.objects.get(pair=pair).status == Program.Status.REVIEW


def _active_pair(world):
    """The world's mentor user mentors the world's mentee user; the pair works, no meeting yet."""
    from pairs.models import Pair
    from pairs.tests.factories import MenteeFactory, MentorFactory, give_consent, make_pair

    mentor = MentorFactory(person=world.person_of("mentor"))
    mentee = MenteeFactory(person=world.person_of("mentee"))
    give_consent(mentor.person)
    give_consent(mentee.person)
    return make_pair(world.org, [mentor], [mentee], status=Pair.Status.ACTIVE)


def _give_feedback(page, url: str, topic: str, ratings: tuple[int, int, int], worked: str) -> None:
    page.goto(url + "/")
    page.get_by_role("link", name="Мои пары").first.click()
    page.wait_for_url(url + "/pairs/my/")
    page.locator(".alert-warning").get_by_role("link", name=re.compile(re.escape(topic))).click()
    _expect_text(page, "Обратная связь по встрече")
    for field, value in zip(("usefulness", "comfort", "clarity"), ratings, strict=True):
        page.fill(f"#id_{field}", str(value))
    page.fill("#id_what_worked", worked)
    page.get_by_role("button", name="Отправить").click()
    page.wait_for_url(url + "/pairs/my/")
    _expect_text(page, "Спасибо! Обратная связь сохранена.")
    assert page.locator(".alert-warning", has_text=topic).count() == 0


def test_mentor_logs_meeting_and_feedback_then_mentee_gives_theirs(
    page, live_server, browser_world, console_errors
):
    from pairs.models import Feedback, Meeting

    url = live_server.url
    pair = _active_pair(browser_world)
    topic = "Первый урок: план и самоанализ"

    log_in(page, url, "mentor")
    page.get_by_role("link", name="Мои пары").first.click()
    page.wait_for_url(url + "/pairs/my/")
    card = page.locator(".card", has=page.locator(f"#pair-meetings-count-{pair.uuid}"))
    card.get_by_role("button", name="Записать встречу").click()
    dialog = page.locator("dialog[open]")
    dialog.wait_for()
    assert dialog.locator("#id_kind").input_value() == Meeting.Kind.FIRST
    dialog.locator("#id_topic").fill(topic)
    dialog.locator("#id_summary").fill("Разобрали план урока, договорились о взаимопосещении.")
    dialog.get_by_role("button", name="Сохранить встречу").click()
    _expect_text(page, f"записана: {topic}.")
    assert page.locator(f"#pair-meetings-count-{pair.uuid}").inner_text() == "Встреч проведено: 1"
    assert page.locator("dialog[open]").count() == 0
    meeting = Meeting.objects.get(pair=pair)
    assert set(meeting.attendees.values_list("user__username", flat=True)) == {"mentor", "mentee"}

    _give_feedback(page, url, topic, (9, 8, 9), "Чёткий план встречи.")
    _log_out(page)
    log_in(page, url, "mentee")
    _give_feedback(page, url, topic, (10, 9, 8), "Получила готовый шаблон самоанализа.")

    given = dict(Feedback.objects.filter(meeting=meeting).values_list("person__user__username", "usefulness"))
    assert given == {"mentor": 9, "mentee": 10}


def test_director_approves_roadmap_signs_and_downloads_the_pairs_order(
    page, live_server, browser_world, console_errors
):
    from mentoring.tests.pdf import pdf_text
    from pairs.models import Pair
    from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
    from people.models import AcademicYear
    from reports.orders import actions as order_actions
    from reports.orders.models import Order
    from roadmap.models import Roadmap
    from roadmap.tests.factories import ActivityFactory, RoadmapFactory, StageFactory

    url = live_server.url
    org = browser_world.org
    curator = browser_world.users["curator"]
    roadmap = RoadmapFactory(
        organization=org, academic_year=AcademicYear.objects.current(), status=Roadmap.Status.REVIEW
    )
    ActivityFactory(stage=StageFactory(roadmap=roadmap))
    mentor = consenting_mentor(
        org, person__last_name="Соколова", person__first_name="Елена", person__middle_name="Викторовна"
    )
    mentee = consenting_mentee(org)
    mentee.person.__class__.objects.filter(pk=mentee.person_id).update(
        last_name="Лебедева", first_name="Ольга", middle_name="Игоревна"
    )
    pair = make_pair(org, [mentor], [mentee])
    order = order_actions.order_draft(org, "pairs", actor=curator, pairs=[pair])
    order_actions.order_submit(order, actor=curator)

    log_in(page, url, "director")
    page.get_by_role("link", name="Дорожная карта").first.click()
    page.get_by_role("link", name=roadmap.academic_year.label).first.click()
    page.fill("#id_order_number", "57-о")
    page.get_by_role("button", name="Утвердить", exact=True).click()
    _expect_text(page, "Дорожная карта утверждена.")
    roadmap.refresh_from_db()
    assert (roadmap.status, roadmap.order_number) == (Roadmap.Status.APPROVED, "57-о")

    page.get_by_role("link", name="Приказы").first.click()
    page.get_by_role("link", name=Order.Kind("pairs").label).first.click()
    page.get_by_role("button", name="Подписать").click()  # the confirmation is accepted
    _expect_text(page, "Приказ подписан, номер присвоен.")
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED and order.number
    # The PDF opens inline in Chromium's own viewer (no download event): the link must open it, and
    # the file is then fetched as the viewer's «download» does, with the director's session.
    with page.expect_response(re.compile(r"/pdf/$")) as opened:
        page.get_by_role("link", name="PDF (подписанный)").click()
    assert opened.value.status == 200
    pdf = page.request.get(opened.value.url)
    assert pdf.headers["content-type"] == "application/pdf"
    assert ".pdf" in pdf.headers["content-disposition"]
    text = pdf_text(pdf.body())
    # Names may be declined in the text: the surnames' stems are enough.
    assert "Соколов" in text and "Лебедев" in text, text[:2000]
    assert str(order.number) in text
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE  # signing the assignment starts its pairs


def _rows(workbook, sheet: str) -> list[tuple]:
    return [row for row in workbook[sheet].iter_rows(values_only=True) if any(v is not None for v in row)]


def _export_in_background(page, button: str) -> None:
    """Start an export, let a worker run it, click «Скачать» on its card (the newest, first)."""
    from playwright.sync_api import expect

    from jobs.testing import run_worker

    page.get_by_role("button", name=button).click()
    card = page.locator("#job-panel .job-card").first
    card.wait_for()
    worker = run_worker()
    assert worker.returncode == 0, worker.stderr
    expect(card).to_have_attribute("data-job-status", "done", timeout=15_000)
    card.get_by_role("link", name="Скачать").click()


def test_admin_downloads_statistical_form_and_registry(page, live_server, browser_world, console_errors):
    from pairs import actions as pair_actions
    from pairs.tests.factories import log_meeting

    url = live_server.url
    pair = _active_pair(browser_world)
    meeting = log_meeting(pair)
    for role, score in (("mentor", 8), ("mentee", 10)):
        pair_actions.feedback_give(
            meeting,
            person=browser_world.person_of(role),
            data={"usefulness": score, "comfort": score, "clarity": score},
            actor=None,
        )
    mentor, mentee = browser_world.person_of("mentor"), browser_world.person_of("mentee")

    log_in(page, url, "admin")
    page.get_by_role("button", name="Статистика").click()  # the menu: statistics and monitoring
    page.get_by_role("link", name="Статистика и выгрузки").click()
    page.select_option("#scope-org", label=browser_world.org.short_name)
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url(re.compile(rf"org={browser_world.org.pk}"))

    with page.expect_download() as form:
        _export_in_background(page, "Форма статистического наблюдения")
    assert form.value.suggested_filename.endswith(".xlsx")
    workbook = _workbook(form.value)
    figures = {row[0]: row[1] for row in _rows(workbook, workbook.sheetnames[0]) if len(row) > 1}
    assert figures["Наставников в программе (банк и пары учебного года)"] == 1
    assert figures["Наставляемых в программе (банк и пары учебного года)"] == 1
    assert figures["Пар и групп действует"] == 1
    assert figures["Отзывов участников о встречах"] == 2
    assert figures["Польза встреч, средняя оценка (1–10)"] == pytest.approx(9)

    with page.expect_download() as registry:
        _export_in_background(page, "Реестр участников программы наставничества")
    workbook = _workbook(registry.value)
    names = [row[1] for row in _rows(workbook, workbook.sheetnames[0])[2:]]
    assert sorted(names) == sorted([mentor.full_name, mentee.full_name])
