"""Every action works from the keyboard (issue 19, item 7): in Chromium, each demo role logs in
with the keyboard, walks with Tab every page the axe-core test checks (`keyboard_checks`: every
control reached, no trap, a visible focus on each, «Перейти к содержимому» first, nothing that
reacts to a click out of the keyboard's reach), then operates its key controls with keys only:
the menus, the meeting dialog, a filter, a notification, the organization switcher, «Мои файлы».

One test over the demo school, one browser context per role, each page walked once.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from mentoring.tests.keyboard_checks import focus_problem, keyboard_problems, walker
from mentoring.tests.page_checks import demo_login, reachable_pages

pytestmark = pytest.mark.browser

# The crawl of the axe-core test (test_browser_pages): the curator one click below the menu, the
# participants two; the other staff on their menus.
ROLES = (
    ("curator", 1),
    ("director", 0),
    ("admin", 0),
    ("coordinator", 0),
    ("mentor", 2),
    ("mentee", 2),
    ("representative", 2),
)

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def demo_school(transactional_db):
    """The demo, and two files of the curator's in «Мои файлы»: one ready, one failed."""
    from jobs.models import Job
    from jobs.tests.factories import finished_job
    from mentoring import demo
    from people.models import Organization, User

    demo.seed_demo()
    curator = User.objects.get(username="curator")
    school = Organization.objects.get()
    finished_job(curator, school)
    finished_job(curator, school, status=Job.Status.FAILED, error="Не удалось собрать выгрузку.")


@pytest.mark.django_db(transaction=True)
def test_every_role_works_from_the_keyboard(browser, live_server, demo_school):
    base = live_server.url
    problems: dict[str, dict[str, list[str]]] = {}
    walked: set[str] = set()
    for role, depth in ROLES:
        context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce", accept_downloads=True)
        page = context.new_page()
        found = problems.setdefault(role, {})
        log_in_by_keyboard(page, base, demo_login(role))

        walk = walker(page, found, walked)
        paths = reachable_pages(page, base, depth=depth, per_section=1, on_page=walk, done=walked)
        assert len(paths) > 5, f"{role} reaches only {paths}"
        for check in ACTIONS.get(role, ()):
            page.goto(base + "/")
            if lines := check(page, base):
                found[check.__name__] = lines
        context.close()
    report = [
        f"{role} {where}\n" + "\n".join(f"    {line}" for line in lines)
        for role, pages in problems.items()
        for where, lines in pages.items()
    ]
    assert not report, "\n" + "\n".join(report)


def log_in_by_keyboard(page: Page, base: str, username: str) -> None:
    """The login form: the name field has the focus; Tab to the password; Enter submits."""
    page.goto(base + "/accounts/login/")
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type("demo")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base + "/", f"{username}: the login by keyboard ended on {page.url}"


def tab_to(page: Page, name: str = "", *, css: str = "", limit: int = 120) -> bool:
    """Tab on (from the top of a page just opened) until the focused element's name starts with
    `name`, or it matches the selector `css`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if css and page.evaluate("(css) => document.activeElement.matches(css)", css):
            return True
        if name and _focused_name(page).startswith(name):
            return True
    return False


def _focused_name(page: Page) -> str:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   if (!el || el === document.body) return 'body (фокус потерян)';
                   return (el.getAttribute('aria-label') || el.textContent || el.value || '')
                          .replace(/\\s+/g, ' ').trim(); }"""
    )


def _settles(page: Page, condition: str) -> bool:
    """`condition` holds once htmx has settled the new content (20 ms after the swap)."""
    # Polled from here: wait_for_function evaluates a string in the page, which the CSP forbids.
    for _ in range(40):
        if page.evaluate(condition):
            return True
        page.wait_for_timeout(50)
    return False


# The key controls of each role, worked with keys only. Each returns its problems.


def nav_menu(page: Page, base: str) -> list[str]:
    """«Банки»: Enter opens the menu, the arrows choose, Enter follows; Escape closes a menu."""
    problems = []
    if not tab_to(page, "Банки"):
        return ["Tab не доходит до меню «Банки»"]
    page.keyboard.press("Enter")
    if not page.locator(".main-nav .dropdown-menu.show").count():
        problems.append("Enter не открывает меню «Банки»")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    if _focused_name(page) != "Банк наставляемых":
        problems.append(f"стрелка вниз в меню «Банки» ведёт на «{_focused_name(page)}»")
    elif shown := focus_problem(page):
        problems.append(shown)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if not page.url.endswith("/people/mentees/"):
        problems.append(f"Enter на «Банк наставляемых» открывает {page.url}")

    # The user's menu: opened by Enter, closed by Escape with the focus back on its button.
    toggle = page.locator(".main-nav .dropdown-toggle[aria-label$='меню']")
    if not tab_to(page, toggle.get_attribute("aria-label")):
        return [*problems, "Tab не доходит до меню пользователя"]
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    if not page.evaluate("!!document.activeElement.closest('.dropdown-menu.show')"):
        problems.append("стрелка вниз не переводит фокус в меню пользователя")
    page.keyboard.press("Escape")
    if page.locator(".main-nav .dropdown-menu.show").count():
        problems.append("Escape не закрывает меню пользователя")
    if not _focused_name(page).endswith("меню"):
        problems.append(f"после Escape фокус на «{_focused_name(page)}», не на кнопке меню")
    return problems


def filter_form(page: Page, base: str) -> list[str]:
    """The registry's search: typed, then Enter submits the filter."""
    page.goto(base + "/people/")
    if not tab_to(page, css="#id_q"):
        return ["Tab не доходит до поиска в реестре"]
    page.keyboard.type("Абрамов")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return [] if "q=" in page.url else [f"Enter в поиске реестра не отправляет форму: {page.url}"]


def my_files(page: Page, base: str) -> list[str]:
    """«Мои файлы»: «Повторить» by Enter queues the failed file again (htmx) and the focus stays
    on the card; «Скачать» by Enter downloads."""
    problems = []
    page.goto(base + "/files/")
    if not tab_to(page, "Повторить"):
        return ["Tab не доходит до «Повторить» в «Моих файлах»"]
    page.keyboard.press("Enter")
    page.locator(".job-card[data-job-status=queued]").wait_for()
    if not _settles(page, "!!document.activeElement.closest('.job-card')"):
        problems.append(f"после «Повторить» фокус уходит с карточки файла на «{_focused_name(page)}»")
    elif shown := focus_problem(page):
        problems.append(f"после «Повторить»: {shown}")
    if not tab_to(page, "Скачать"):
        return [*problems, "Tab не доходит до «Скачать» в «Моих файлах»"]
    with page.expect_download() as downloaded:
        page.keyboard.press("Enter")
    if not downloaded.value.suggested_filename.endswith(".xlsx"):
        problems.append(f"«Скачать» отдаёт {downloaded.value.suggested_filename}")
    return problems


def notification(page: Page, base: str) -> list[str]:
    """The bell by Enter opens «Уведомления»; «Прочитано» by Enter marks one read."""
    problems = []
    if not tab_to(page, "Уведомления, непрочитанных"):
        return ["Tab не доходит до колокольчика с непрочитанными уведомлениями"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    before = int(page.locator("[data-unread-count]").inner_text())
    if not tab_to(page, "Прочитано"):
        return ["Tab не доходит до «Прочитано»"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    after = page.locator("[data-unread-count]")
    now = int(after.inner_text()) if after.count() else 0
    if now != before - 1:
        problems.append(f"«Прочитано» по Enter: непрочитанных было {before}, стало {now}")
    return problems


def meeting_dialog(page: Page, base: str) -> list[str]:
    """«Записать встречу» by Enter opens the dialog with the focus in it; Tab stays inside;
    Escape closes it and gives the focus back to the button; Enter in a field records it."""
    page.goto(base + "/pairs/my/")
    if not tab_to(page, "Записать встречу"):
        return ["Tab не доходит до «Записать встречу»"]
    page.keyboard.press("Enter")
    dialog = page.locator("dialog[open]")
    dialog.wait_for()
    problems = []
    if not page.evaluate("!!document.activeElement.closest('dialog[open]')"):
        problems.append("открытый диалог встречи не получает фокус")
    problems += [
        f"диалог встречи: {line}" for line in keyboard_problems(page, within="dialog[open]", skip_link=False)
    ]
    page.keyboard.press("Escape")
    if dialog.count():
        problems.append("Escape не закрывает диалог встречи")
    if _focused_name(page) != "Записать встречу":
        problems.append(f"после Escape фокус на «{_focused_name(page)}», не на «Записать встречу»")

    # Opened again, filled and sent with Enter from a text field: the meeting is recorded, the
    # dialog closes and the focus stays by the message, not at the top of the page.
    page.keyboard.press("Enter")
    dialog.wait_for()
    if not tab_to(page, css="#id_topic", limit=30):
        return [*problems, "Tab не доходит до темы встречи в диалоге"]
    page.keyboard.type("Проверка с клавиатуры")
    page.keyboard.press("Enter")
    saved = page.locator("#dialog-slot [role=status]")
    saved.wait_for()
    if "Проверка с клавиатуры" not in saved.inner_text():
        problems.append(f"Enter в диалоге встречи: {saved.inner_text()}")
    if not _settles(page, "!!document.activeElement.closest('#dialog-slot')"):
        problems.append(f"после записи встречи фокус на «{_focused_name(page)}», не у сообщения")
    return problems


def plan_item(page: Page, base: str) -> list[str]:
    """A programme's item ticked from the keyboard: the evidence typed, Enter; the row is
    replaced (htmx) and the focus stays in it, on «Снять отметку»."""
    page.goto(base + "/pairs/my/")
    if not tab_to(page, css="main a[href^='/pairs/']:not([href*='/meetings/'])"):
        return ["Tab не доходит до пары в «Моих парах»"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if not tab_to(page, "Подтверждение выполнения"):
        return ["Tab не доходит до пункта программы"]
    row = page.evaluate("document.activeElement.closest('tr').id")
    page.keyboard.type("Проведён открытый урок")
    page.keyboard.press("Enter")
    page.locator(f"#{row}.table-success").wait_for()
    if not _settles(page, f"document.activeElement.closest('#{row}') !== null"):
        return [f"после отметки пункта фокус на «{_focused_name(page)}», не в его строке"]
    if _focused_name(page) != "Снять отметку":
        return [f"после отметки пункта фокус на «{_focused_name(page)}», не на «Снять отметку»"]
    return []


def organization_switcher(page: Page, base: str) -> list[str]:
    """The switcher: typing shows the schools, Tab reaches them, Escape closes the list, Enter on
    a school switches to it."""
    problems = []
    if not tab_to(page, "Организация"):
        return ["Tab не доходит до переключателя организаций"]
    page.keyboard.type("СОШ")
    found = page.locator("#org-results button")
    found.first.wait_for()
    page.keyboard.press("Escape")
    if found.count():
        problems.append("Escape не закрывает список организаций")
    # Escape also empties a search field: the name is typed again.
    page.keyboard.type("СОШ")
    found.first.wait_for()
    page.keyboard.press("Tab")
    if not page.evaluate("!!document.activeElement.closest('#org-results')"):
        return [*problems, "Tab из поиска организации не ведёт к найденным"]
    if shown := focus_problem(page):
        problems.append(shown)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if page.url != base + "/":
        problems.append(f"Enter на найденной организации открывает {page.url}")
    return problems


ACTIONS = {
    "curator": (nav_menu, filter_form, my_files),
    "director": (notification,),
    "admin": (organization_switcher,),
    "mentor": (meeting_dialog, plan_item),
}


# The walk itself, on a page made to fail it and on one made to pass it.
BROKEN = """<!doctype html><html lang="ru"><head><title>t</title>
<style>.plain:focus { outline: none; box-shadow: none; }
.faint:focus { outline: none; box-shadow: 0 0 0 4px rgba(13, 110, 253, .25); }</style></head><body>
<button id="fine">Обычная</button>
<button class="plain">Без рамки</button>
<div style="background: #0a58ca"><button class="faint">Синим по синему</button></div>
<div hx-get="/rows/1/">Строка таблицы по щелчку</div>
<span tabindex="3">Вне порядка</span>
<input id="trap" aria-label="Ловушка">
<a href="/after/">После ловушки</a>
<script>
document.getElementById("trap").addEventListener("keydown", (e) => { if (e.key === "Tab") e.preventDefault(); });
</script></body></html>"""

SOUND = """<!doctype html><html lang="ru"><head><title>t</title></head><body>
<a class="skip" href="#main">Перейти к содержимому</a>
<style>.skip { display: inline-block; padding: 8px 16px; }</style>
<main id="main"><button>Сохранить</button>
<label>Вид <select><option>один</option><option>два</option></select></label>
<label><input type="radio" name="r" checked> да</label><label><input type="radio" name="r"> нет</label>
<div hx-get="/poll/" hx-trigger="every 1s">Обновляется сам</div>
<details><summary>Подробнее</summary><a href="/hidden/">Скрыто, пока закрыто</a></details>
<a href="/next/">Дальше</a></main></body></html>"""


def test_the_keyboard_walk_names_every_kind_of_problem(page):
    page.set_content(BROKEN)
    problems = keyboard_problems(page)
    assert problems[:2] == [
        "реагирует на щелчок, но недоступен с клавиатуры: div «Строка таблицы по щелчку»",
        "tabindex больше нуля ломает порядок обхода: span «Вне порядка»",
    ]
    assert "первая остановка Tab не «Перейти к содержимому», а button#fine «Обычная»" in problems
    assert any(
        p.startswith("ловушка фокуса: после ") and "фокус на input#trap «Ловушка»," in p for p in problems
    )
    assert "Tab не доходит до a[href=/after/] «После ловушки»" in problems
    assert "не видно фокуса на button «Без рамки»" in problems
    assert "фокус на button «Синим по синему» едва заметен: контраст 1.1:1, нужно 3:1" in problems
    assert not [
        p for p in problems if p.startswith(("не видно фокуса на button#fine", "фокус на button#fine"))
    ]

    page.set_content(SOUND)
    assert keyboard_problems(page) == []
