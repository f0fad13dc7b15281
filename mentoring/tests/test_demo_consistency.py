"""The demo data is consistent as a school's would be: order numbers run with the dates (№ 2 is
never dated before № 1 in a year's register), and every survey answer fits its question — a scale
within its scale, a choice among its options, a text that answers the question asked."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from django.utils import timezone

from mentoring.demo import orders as orders_demo
from mentoring.demo import pairs as pairs_demo
from mentoring.demo import people as people_demo
from mentoring.demo.surveys import TEXT_ANSWERS
from pairs.models import PairMentee
from people.models import Mentee
from reports.orders.models import Order
from reports.publication.models import Regulation
from reports.surveys.models import Answer, Question
from reports.surveys.standard import TEMPLATES

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_school():
    org = people_demo.seed_demo(random.Random(1))
    pairs_demo.seed_demo(org, random.Random(1))  # with the surveys
    orders_demo.seed_demo(org, random.Random(1))
    return org


def test_order_numbers_run_with_their_dates(demo_school):
    signed = list(
        Order.objects.filter(organization=demo_school, status=Order.Status.SIGNED).order_by(
            "year", "sequence"
        )
    )
    assert len(signed) >= 5
    by_year: dict[int, list[Order]] = {}
    for order in signed:
        by_year.setdefault(order.year, []).append(order)
    for year, orders in by_year.items():
        assert [o.sequence for o in orders] == list(range(1, len(orders) + 1)), year
        for earlier, later in pairwise(orders):
            assert earlier.date <= later.date, (
                f"№ {later.number} of {later.date:%d.%m.%Y} is dated before № {earlier.number} "
                f"of {earlier.date:%d.%m.%Y}"
            )


def test_every_survey_answer_fits_its_question(demo_school):
    answers = list(
        Answer.objects.filter(response__campaign__organization=demo_school).select_related("question")
    )
    assert answers
    texts = 0
    for answer in answers:
        question = answer.question
        if question.is_text:
            texts += 1
            assert answer.text in TEXT_ANSWERS.get(question.text, []), (question.text, answer.text)
        else:
            assert answer.value in {value for value, _ in question.value_labels()}, (
                question.text,
                answer.value,
            )
    assert texts, "the demo has text answers"


def test_every_text_question_of_the_shipped_templates_has_fitting_demo_answers():
    questions = [
        q.text
        for template in TEMPLATES.values()
        for section in template.sections
        for q in section.questions
        if q.kind in Question.TEXT_KINDS
    ]
    assert questions and all(TEXT_ANSWERS.get(text) for text in questions)


def test_a_regulation_is_recorded_approved_on_its_orders_day(demo_school):
    approved = list(Regulation.objects.filter(organization=demo_school, status=Regulation.Status.APPROVED))
    assert approved
    for regulation in approved:
        assert timezone.localdate(regulation.approved_at) == regulation.order_date == regulation.approved_on


def test_a_mentee_waited_before_the_pair_began_and_a_paired_one_shows_no_waiting(demo_school):
    links = PairMentee.objects.filter(pair__organization=demo_school, pair__started_on__isnull=False)
    assert links.exists()
    for link in links.select_related("pair", "mentee"):
        mentee = link.mentee
        if mentee.status in Mentee.WAITING_STATUSES:  # waits again after the pair ended
            assert mentee.waiting_since >= link.pair.ended_on
        else:
            assert mentee.waiting_since < link.pair.started_on, mentee
            assert mentee.waits_since is None
