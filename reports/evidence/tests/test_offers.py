"""What the application produces is offered to the activities that expect it, never completed silently."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from notifications.models import Notification
from pairs.tests.factories import consenting_mentee, consenting_mentor, make_pair
from people.tests.factories import OrganizationFactory
from reports.events.models import Event
from reports.events.tests.factories import held_event
from reports.evidence.tests.conftest import activity
from reports.orders import actions as order_actions
from reports.orders.models import Order
from reports.orders.tests.factories import curator_of, signed
from roadmap.models import Activity, EvidenceSuggestion

pytestmark = pytest.mark.django_db


def _pairs_order(org, year) -> Order:
    pair = make_pair(
        org,
        [consenting_mentor(org)],
        [consenting_mentee(org)],
        mentor_consent_on=year.starts_on - timedelta(days=2),
    )
    return order_actions.order_draft(
        org, Order.Kind.PAIRS, actor=curator_of(org), pairs=[pair], academic_year=year
    )


def test_signing_the_pairs_order_offers_it_to_the_order_activities(world, roadmap, year):
    order = signed(_pairs_order(world.org, year), on=year.starts_on)
    offered = EvidenceSuggestion.objects.filter(activity__stage__roadmap=roadmap)
    assert {s.activity.title for s in offered} == {
        "Приказ(ы) о закреплении наставнических пар/групп",
        "Формирование наставнических пар/групп",
    }
    suggestion = offered.get(activity__title__startswith="Приказ(ы)")
    assert suggestion.object_id == order.pk
    assert suggestion.happened_on == year.starts_on and order.display_number in suggestion.label
    # Nothing is completed silently, and the curator is told.
    assert activity(roadmap, "Приказ(ы)").status == Activity.Status.PLANNED
    assert Notification.objects.filter(recipient=world.users["curator"], kind="evidence_offered").count() == 2


def test_a_held_teachers_council_is_offered_to_the_activity_expecting_its_protocol(world, roadmap):
    event = held_event(
        world.org, kind=Event.Kind.TEACHERS_COUNCIL, day=timezone.localdate() - timedelta(days=1)
    )
    suggestion = EvidenceSuggestion.objects.get()
    assert suggestion.activity.expected_result == "Протокол педагогического совета"
    assert suggestion.object_id == event.pk and suggestion.url == event.get_absolute_url()


def test_nothing_is_offered_without_a_roadmap_in_force_or_to_another_school(world, roadmap):
    other = OrganizationFactory()
    held_event(other, kind=Event.Kind.TEACHERS_COUNCIL)
    assert not EvidenceSuggestion.objects.exists()


def test_a_done_activity_gets_no_offer_and_an_object_is_offered_once(world, roadmap):
    target = activity(roadmap, "Информирование")
    event = held_event(world.org, kind=Event.Kind.TEACHERS_COUNCIL)
    from reports.events import actions as event_actions

    event_actions.event_hold(event, actor=None, present=set())  # attendance corrected later
    assert EvidenceSuggestion.objects.filter(activity=target).count() == 1
    Activity.objects.filter(pk=target.pk).update(status="done", completed_on=date.today(), evidence_note="x")
    held_event(world.org, kind=Event.Kind.TEACHERS_COUNCIL)
    assert EvidenceSuggestion.objects.filter(activity=target).count() == 1


def test_a_closed_candidate_survey_and_a_published_news_item_are_offered(world, roadmap, year):
    from reports.publication import actions as publication_actions
    from reports.publication.models import NewsItem
    from reports.surveys import actions as survey_actions
    from reports.surveys.models import Campaign

    questionnaire = survey_actions.questionnaire_from_template(world.org, "mentor_candidate", actor=None)
    campaign = Campaign.objects.create(
        organization=world.org,
        questionnaire=questionnaire,
        title="Анкета потенциального наставника",
        academic_year=year,
        target=Campaign.Target.MENTORS,
        status=Campaign.Status.OPEN,
        opens_on=timezone.localdate() - timedelta(days=10),
        closes_on=timezone.localdate(),
        launched_at=timezone.now(),
    )
    survey_actions.campaign_close(campaign, actor=world.users["curator"])
    assert EvidenceSuggestion.objects.get(object_id=campaign.pk).activity.title.startswith(
        "Проведение анкетирования среди потенциальных наставников"
    )
    item = NewsItem(
        organization=world.org, title="Стартовала программа наставничества", body="Текст.", is_published=True
    )
    publication_actions.news_save(item, actor=world.users["curator"])
    titles = set(
        EvidenceSuggestion.objects.filter(object_id=item.pk).values_list("activity__title", flat=True)
    )
    assert "Освещение мероприятий в социальных сетях" in titles
