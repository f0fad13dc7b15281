"""Managing the public page and its news: the curator writes, the director reads."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.publication.models import NewsItem, PublicPage
from reports.publication.tests import factories as f

pytestmark = pytest.mark.django_db


def test_curator_publishes_the_page_and_gets_the_snippet(world, login, client):
    login(world.users["curator"])
    response = client.get(reverse("publication:settings"))
    assert f"/p/{world.org.slug}/embed/" in response.context["snippet"]
    assert "<iframe" in response.context["snippet"]
    client.post(
        reverse("publication:settings"),
        {"is_published": "on", "title": "Наставничество", "description": "О нас"},
    )
    page = PublicPage.objects.get(organization=world.org)
    assert page.is_published and page.published_at is not None
    assert client.get(reverse("public:index", args=[world.org.slug])).status_code == 200


def test_director_reads_but_cannot_change_the_page(world, login, client):
    f.published_page(world.org, description="Старое описание")
    login(world.users["director"])
    page = client.get(reverse("publication:settings")).content.decode()
    assert "Старое описание" in page and '<textarea name="description"' not in page
    response = client.post(reverse("publication:settings"), {"title": "x", "description": "Новое"})
    assert response.status_code == 403
    assert PublicPage.objects.get().description == "Старое описание"


def test_curator_writes_news_and_is_warned_about_names_without_consent(world, login, client):
    login(world.users["curator"])
    body = f"Открытый урок провела {world.staff.last_name} {world.staff.first_name}."
    response = client.post(
        reverse("publication:news_create"),
        {"kind": "news", "title": "Урок", "body": body, "is_published": "on"},
        follow=True,
    )
    item = NewsItem.objects.get()
    assert item.published_at is not None and item.author == world.users["curator"]
    assert "будут скрыты" in response.content.decode()


def test_announcement_needs_its_date(world, login, client):
    login(world.users["curator"])
    response = client.post(
        reverse("publication:news_create"),
        {"kind": "announcement", "title": "День наставника", "body": "Приходите"},
    )
    assert response.status_code == 200 and "Укажите дату события" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_other_schools_news_is_not_found(world, login, client):
    item = f.news(world.other_org)
    login(world.users["curator"])
    assert client.get(reverse("publication:news_edit", args=[item.uuid])).status_code == 404
    assert client.post(reverse("publication:news_delete", args=[item.uuid])).status_code == 404
    assert NewsItem.objects.filter(pk=item.pk).exists()


def test_news_list_queries_do_not_grow(world, login, client):
    login(world.users["director"])
    f.news(world.org)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("publication:news_list")).status_code == 200
        return len(captured)

    small = count()
    for i in range(6):
        f.news(world.org, f"Новость {i}")
    assert count() == small


def test_practice_list_queries_do_not_grow(world, login, client):
    login(world.users["curator"])
    f.public_practice(world.org)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("library:practices")).status_code == 200
        return len(captured)

    small = count()
    for i in range(5):
        f.public_practice(world.org, title=f"Практика {i}", author=world.staff)
    assert count() == small
