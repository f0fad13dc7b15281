"""The launch order and what it approves: the Положение and the roadmap chosen when it is drafted
are its appendices in the same PDF, and its signature approves exactly them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from mentoring.lib.actions import ActionRefused
from mentoring.tests.pdf import page_texts
from people.models import AcademicYear
from people.tests.factories import OrganizationFactory, PersonFactory
from reports.orders import actions, documents
from reports.orders.models import Order
from reports.orders.tests.factories import curator_of, director_of, launch_order, review_roadmap, signed
from reports.publication.models import Regulation
from reports.publication.tests.factories import approved_regulation, draft_regulation, review_regulation
from roadmap.models import Roadmap
from roadmap.tests.factories import ApprovedRoadmapFactory, RoadmapFactory

pytestmark = pytest.mark.django_db


def test_the_launch_order_attaches_the_regulation_and_the_roadmap_it_approves():
    org = OrganizationFactory(order_suffix="-од")
    regulation = review_regulation(org, date(2025, 8, 28))
    order = signed(launch_order(org, regulations=[regulation]), on=date(2025, 8, 29))
    pages = page_texts(documents.order_pdf(order))
    text = " ".join(pages)
    assert f"Утвердить {regulation.title} (приложение 1)" in text
    assert "Утвердить дорожную карту (план мероприятий)" in text and "(приложение 2)" in text
    assert "приложение 3" not in text.lower()
    reference = "к приказу от 29.08.2025 № 1-од"
    first = next(i for i, page in enumerate(pages) if f"Приложение 1 {reference}" in page)
    second = next(i for i, page in enumerate(pages) if f"Приложение 2 {reference}" in page)
    assert "ПОЛОЖЕНИЕ" in pages[first] and "УТВЕРЖДЕНО приказом от 29.08.2025 № 1-од" in pages[first]
    assert "Дорожная карта" in pages[second] and "приказ от 29.08.2025 № 1-од" in pages[second]
    assert 0 < first < second < len(pages) - 1
    assert "ознакомлены" in pages[-1] and "ПРОЕКТ" not in text


def test_a_draft_launch_order_shows_its_appendices_as_a_project_with_blanks():
    org = OrganizationFactory()
    order = launch_order(org, regulations=[draft_regulation(org)])
    text = " ".join(page_texts(documents.order_pdf(order)))
    assert "Приложение 1 к приказу от ___.___.______ № ______" in text
    assert "Приложение 2 к приказу" in text and "ПРОЕКТ" in text


def test_without_a_regulation_the_roadmap_is_the_only_appendix():
    order = launch_order(OrganizationFactory())
    text = " ".join(page_texts(documents.order_pdf(order)))
    assert (
        "(приложение 1)" in text and "Положение" not in text.split("ПРИКАЗЫВАЮ")[1].split("Приложение 1")[0]
    )
    assert "приложение 2" not in text.lower()
    assert order.title == "Об утверждении дорожной карты, о назначении куратора"


def test_signing_approves_exactly_the_versions_chosen_when_drafted():
    org = OrganizationFactory()
    chosen = review_roadmap(org)
    year = AcademicYear.objects.current()
    other_year = AcademicYear.objects.get_or_create(start_year=year.start_year + 1)[0]
    not_chosen = RoadmapFactory(organization=org, academic_year=other_year, status=Roadmap.Status.REVIEW)
    staff = review_regulation(org)
    students = actions_students_regulation(org)
    order = signed(launch_order(org, roadmap=chosen, regulations=[staff]))
    for document in (chosen, not_chosen, staff, students):
        document.refresh_from_db()
    assert chosen.status == Roadmap.Status.APPROVED and chosen.order_number == order.number
    assert not_chosen.status == Roadmap.Status.REVIEW and not_chosen.order_number == ""
    assert staff.status == Regulation.Status.APPROVED and staff.order == order
    assert students.status == Regulation.Status.REVIEW and students.order is None
    assert order.roadmap == chosen


def actions_students_regulation(org):
    from reports.publication import actions as publication

    regulation = publication.regulation_create(org, Regulation.Audience.STUDENTS, actor=curator_of(org))
    return publication.regulation_submit(
        regulation, actor=curator_of(org), protocol_date=date(2025, 8, 1), protocol_number="2"
    )


def test_drafting_refuses_an_approved_roadmap_or_regulation_and_creates_nothing():
    org = OrganizationFactory()
    approved_map = ApprovedRoadmapFactory(organization=org, academic_year=AcademicYear.objects.current())
    with pytest.raises(ActionRefused, match="утверждена: приказ не может утвердить её повторно"):
        launch_order(org, roadmap=approved_map)
    regulation = approved_regulation(org)
    with pytest.raises(ActionRefused, match="утверждено приказом от .* не может утвердить его повторно"):
        launch_order(org, roadmap=None, regulations=[regulation])
    assert not Order.objects.filter(organization=org).exists()


def test_a_second_curator_of_the_year_is_refused():
    org = OrganizationFactory()
    first = signed(launch_order(org))
    regulation = draft_regulation(org)
    with pytest.raises(ActionRefused, match=f"уже назначен приказом {re.escape(first.display_number)}"):
        launch_order(org, PersonFactory(organization=org), roadmap=None, regulations=[regulation])
    # Without appointing anyone the order may still approve a new Положение.
    order = launch_order(org, roadmap=None, regulations=[regulation], appoint=False)
    assert "куратор" not in order.title and not order.people.exists()


def test_signing_is_refused_when_the_chosen_roadmap_is_no_longer_awaiting_approval():
    from roadmap import actions as roadmap_actions

    org = OrganizationFactory()
    order = launch_order(org)
    actions.order_submit(order, actor=curator_of(org))
    roadmap_actions.roadmap_return(order.roadmap, actor=director_of(org), comment="Доработать")
    with pytest.raises(ActionRefused, match="а не на утверждении"):
        actions.order_sign(order, actor=director_of(org))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING and order.number == ""


def test_a_regulation_in_one_draft_order_cannot_be_put_into_another():
    org = OrganizationFactory()
    regulation = draft_regulation(org)
    first = launch_order(org, roadmap=None, regulations=[regulation])
    with pytest.raises(ActionRefused, match="уже включено в проект приказа"):
        launch_order(org, roadmap=None, regulations=[regulation], appoint=False)
    actions.order_delete_draft(first, actor=curator_of(org))
    regulation.refresh_from_db()
    assert regulation.order is None
    assert (
        launch_order(org, roadmap=None, regulations=[regulation], appoint=False).regulations.get()
        == regulation
    )


def test_curator_chooses_the_versions_in_the_form(world, login):
    roadmap = review_roadmap(world.org)
    regulation = draft_regulation(world.org)
    approved = ApprovedRoadmapFactory(
        organization=world.org,
        academic_year=AcademicYear.objects.get_or_create(start_year=2020)[0],
    )
    client = login(world.users["curator"])
    url = reverse("orders:order_create", args=["launch"])
    page = client.get(url).content.decode()
    assert f'value="{roadmap.pk}"' in page and f'value="{regulation.pk}"' in page
    assert f'value="{approved.pk}"' not in page
    response = client.post(
        url,
        {
            "academic_year": roadmap.academic_year.start_year,
            "roadmap": roadmap.pk,
            "regulations": [regulation.pk],
            "curator": world.staff.pk,
        },
    )
    order = Order.objects.get(organization=world.org, kind=Order.Kind.LAUNCH)
    assert response.url == order.get_absolute_url()
    assert order.roadmap == roadmap and list(order.regulations.all()) == [regulation]
    nothing = client.post(url, {"academic_year": roadmap.academic_year.start_year})
    assert nothing.status_code == 200 and "Выберите, что утверждает приказ" in nothing.content.decode()
    assert Order.objects.filter(organization=world.org).count() == 1
