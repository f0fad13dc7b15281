"""The demo school's orders: signed orders of every kind built, one awaiting signature, seeded once."""

from __future__ import annotations

import random

import pytest

from mentoring.demo import orders as demo
from mentoring.demo import pairs as pairs_demo
from mentoring.demo import people as people_demo
from mentoring.tests.pdf import pdf_text
from reports.orders import documents
from reports.orders.models import Order

pytestmark = pytest.mark.django_db


def test_demo_school_has_signed_orders_of_every_kind_and_seeding_twice_changes_nothing():
    org = people_demo.seed_demo(random.Random(1))
    pairs_demo.seed_demo(org, random.Random(1))
    demo.seed_demo(org, random.Random(1))
    signed = Order.objects.filter(organization=org, status=Order.Status.SIGNED)
    assert {o.kind for o in signed} == set(Order.Kind.values)
    assert Order.objects.filter(organization=org, status=Order.Status.PENDING).count() == 1
    numbers = list(signed.values_list("year", "sequence"))
    assert len(numbers) == len(set(numbers))
    reward = signed.get(kind=Order.Kind.REWARD)
    assert {e.reward for e in reward.people.all()} == {"thanks", "certificate", "letter"}
    for order in signed:
        assert documents.order_pdf(order).startswith(b"%PDF")
    text = pdf_text(documents.order_pdf(reward))
    for lead in ("Объявить благодарность", "Наградить почётной грамотой", "Вручить благодарственное письмо"):
        assert lead in text, text[:1500]
    count = Order.objects.count()
    demo.seed_demo(org, random.Random(2))
    assert Order.objects.count() == count


def test_demo_school_has_a_published_page_with_regulation_roadmap_news_and_a_best_practice(client):
    from django.urls import reverse

    from mentoring.demo import roadmap as roadmap_demo
    from reports.publication.models import BestPractice, Material, NewsItem, PublicPage, Regulation

    org = people_demo.seed_demo(random.Random(1))
    roadmap_demo.seed_demo(org, random.Random(1))
    pairs_demo.seed_demo(org, random.Random(1))
    demo.seed_demo(org, random.Random(1))
    regulation = Regulation.objects.get(organization=org, status=Regulation.Status.APPROVED)
    launch = Order.objects.filter(organization=org, kind=Order.Kind.LAUNCH, status=Order.Status.SIGNED)
    assert regulation.order in launch and regulation.order_number == regulation.order.number
    assert PublicPage.objects.get(organization=org).is_published
    practices = BestPractice.objects.filter(organization=org, is_public=True)
    assert practices.filter(pair__isnull=False).exists() and practices.filter(material__isnull=False).exists()
    page = client.get(reverse("public:index", args=[org.slug])).content.decode()
    assert regulation.title in page and "Дорожная карта на" in page
    assert NewsItem.objects.filter(organization=org).first().title in page
    counts = [
        m.objects.filter(organization=org).count() for m in (Regulation, NewsItem, Material, BestPractice)
    ]
    demo.seed_demo(org, random.Random(2))
    assert [
        m.objects.filter(organization=org).count() for m in (Regulation, NewsItem, Material, BestPractice)
    ] == counts
