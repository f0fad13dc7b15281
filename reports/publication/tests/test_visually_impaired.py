"""The public page's version for the visually impaired (ГОСТ Р 52872-2019): a toggle remembered
per visitor by a cookie, rendered on the server as a class on the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.publication.tests.factories import published_page

pytestmark = pytest.mark.django_db


def test_a_visitor_turns_the_version_on_and_every_public_page_keeps_it(world, client):
    page = published_page(world.org)
    index = reverse("public:index", args=[world.org.slug])
    plain = client.get(index).content.decode()
    assert "public-vi" not in plain and "Версия для слабовидящих" in plain
    response = client.get(reverse("public:visually_impaired", args=[world.org.slug]) + f"?on=1&next={index}")
    assert response.status_code == 302 and response["Location"] == index
    assert response.cookies["vi"].value == "1"
    html = client.get(index).content.decode()
    assert '<body class="public public-vi">' in html and "Обычная версия сайта" in html
    news = client.get(reverse("public:news_list", args=[world.org.slug])).content.decode()
    assert "public-vi" in news
    assert page.organization == world.org


def test_turning_it_off_forgets_the_choice_and_other_visitors_never_see_it(world, client):
    published_page(world.org)
    index = reverse("public:index", args=[world.org.slug])
    client.get(reverse("public:visually_impaired", args=[world.org.slug]) + "?on=1")
    assert "public-vi" in client.get(index).content.decode()
    # The stored rendering of the page is per version: a new visitor gets the ordinary one.
    other = type(client)()
    response = other.get(index)
    assert "public-vi" not in response.content.decode()
    assert "Cookie" in response["Vary"]
    off = client.get(reverse("public:visually_impaired", args=[world.org.slug]))
    assert off.cookies["vi"].value == ""
    assert "public-vi" not in client.get(index).content.decode()


def test_the_toggle_returns_only_to_a_page_of_the_same_public_site(world, client):
    published_page(world.org)
    toggle = reverse("public:visually_impaired", args=[world.org.slug])
    for bad in ("https://evil.example/", "//evil.example/", "/people/"):
        response = client.get(toggle + "?on=1&next=" + bad)
        assert response["Location"] == reverse("public:index", args=[world.org.slug])


def test_an_unpublished_page_has_no_toggle(world, client):
    assert client.get(reverse("public:visually_impaired", args=[world.org.slug]) + "?on=1").status_code == 404
