"""In a real browser at 1366×768 with 500 organizations: the header stays one line for the admin and
the municipal coordinator, and the switcher finds a school by part of its name and switches to it."""

from __future__ import annotations

import pytest

from mentoring.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHOOLS = 500


@pytest.fixture
def region(transactional_db):
    from mentoring.tests.world import build_world
    from people.models import Organization

    world = build_world()
    Organization.objects.bulk_create(
        Organization(
            slug=f"region-{i}",
            full_name=f"Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № {i}»",
            short_name=f"МБОУ «СШ № {i}»" if i != 377 else "МАОУ «Лицей имени А.С. Пушкина»",
            city="Вологда",
            director_name="Прохорова Светлана Викторовна",
            municipality=world.org.municipality,
        )
        for i in range(SCHOOLS)
    )
    return world


def _header_is_one_line(page) -> None:
    assert page.locator("nav.main-nav").bounding_box()["height"] < 70, "the header wraps onto a second line"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366, "the page scrolls sideways"


def _switcher_shows_the_whole_name(page, name: str | None = None) -> None:
    """The current organization's short name (the switcher's placeholder) is not cut: written into
    the field, it needs no more width than the field has. The field is left as it was."""
    search = page.get_by_role("searchbox", name="Организация")
    name = name or search.get_attribute("placeholder")
    assert search.get_attribute("placeholder") == name and name != "Организация"
    widths = search.evaluate(
        """field => {
            const typed = field.value;
            field.value = field.placeholder;
            const widths = [field.scrollWidth, field.clientWidth];
            field.value = typed;
            return widths;
        }"""
    )
    assert widths[0] <= widths[1], f"«{name}» is cut in the switcher: {widths[0]} px in {widths[1]} px"


@pytest.mark.parametrize("role", ["admin", "coordinator"])
def test_header_fits_and_the_switcher_finds_a_school_by_part_of_its_name(page, live_server, region, role):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, role)
    _header_is_one_line(page)
    _switcher_shows_the_whole_name(page)

    search = page.get_by_role("searchbox", name="Организация")
    search.fill("пушкин")
    found = page.locator("#org-results").get_by_role("button", name="МАОУ «Лицей имени А.С. Пушкина»")
    found.wait_for()
    assert page.locator("#org-results button").count() == 1
    _header_is_one_line(page)  # the drop-down lies over the page, not in the header
    found.click()
    page.wait_for_url(live_server.url + "/")
    _switcher_shows_the_whole_name(page, "МАОУ «Лицей имени А.С. Пушкина»")
    _header_is_one_line(page)


def test_a_school_of_another_municipality_is_not_found_by_the_coordinator(page, live_server, region):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, "coordinator")
    page.get_by_role("searchbox", name="Организация").fill("Школа Б")
    page.locator("#org-results").get_by_text("Не нашлось организаций").wait_for()
    assert page.locator("#org-results button").count() == 0
