"""The demo school's orders: signed orders of every kind built, one awaiting signature, seeded once."""

from __future__ import annotations

import io
import random

import pytest
from pypdf import PdfReader

from pairs import demo as pairs_demo
from people import demo as people_demo
from reports import demo, documents
from reports.models import Order

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
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(documents.order_pdf(reward))).pages)
    for lead in ("Объявить благодарность", "Наградить почётной грамотой", "Вручить благодарственное письмо"):
        assert lead in " ".join(text.split()), text[:1500]
    count = Order.objects.count()
    demo.seed_demo(org, random.Random(2))
    assert Order.objects.count() == count
