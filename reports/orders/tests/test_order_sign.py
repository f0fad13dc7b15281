"""Signing: numbering per organization and calendar year, frozen content, numbers never reused."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from mentoring.lib.actions import ActionRefused
from people.tests.factories import OrganizationFactory, PersonFactory
from reports.orders import actions
from reports.orders.models import Order
from reports.orders.tests.factories import curator_of, director_of, launch_order, reward_order, signed

pytestmark = pytest.mark.django_db


def test_numbers_run_per_organization_within_a_year_with_the_suffix():
    org = OrganizationFactory(order_suffix="-од")
    other = OrganizationFactory(order_suffix="/ОД")
    first = signed(launch_order(org), on=date(2025, 3, 1))
    second = signed(reward_order(org), on=date(2025, 9, 2))
    elsewhere = signed(launch_order(other), on=date(2025, 9, 2))
    next_year = signed(reward_order(org), on=date(2026, 1, 9))
    assert [first.number, second.number] == ["1-од", "2-од"]
    assert elsewhere.number == "1/ОД"
    assert next_year.number == "1-од" and next_year.year == 2026
    assert second.date == date(2025, 9, 2)


def test_a_cancelled_order_keeps_its_number_and_the_next_one_is_new():
    org = OrganizationFactory()
    order = signed(launch_order(org), on=date(2025, 3, 1))
    again = signed(reward_order(org), on=date(2025, 3, 2))
    actions.order_cancel(order, actor=director_of(org), by_order=again, reason="издан ошибочно")
    third = signed(reward_order(org), on=date(2025, 3, 3))
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and order.number == "1-од"
    assert order.cancelled_by_order == again
    assert (again.number, third.number) == ("2-од", "3-од")


def test_only_an_order_sent_for_signature_can_be_signed():
    order = launch_order()
    with pytest.raises(ActionRefused):
        actions.order_sign(order, actor=director_of(order.organization))
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT and order.number == ""


def test_signing_twice_is_refused():
    order = signed(launch_order())
    with pytest.raises(ActionRefused):
        actions.order_sign(order, actor=director_of(order.organization))


def test_the_database_refuses_to_change_a_signed_order():
    order = signed(launch_order())
    with pytest.raises(DatabaseError), transaction.atomic():
        Order.objects.filter(pk=order.pk).update(title="О другом")
    with pytest.raises(DatabaseError), transaction.atomic():
        Order.objects.filter(pk=order.pk).update(number="99-од")
    with pytest.raises(DatabaseError), transaction.atomic():
        Order.objects.filter(pk=order.pk).delete()
    order.refresh_from_db()
    assert order.title.startswith("Об утверждении") and order.number == "1-од"


def test_a_signed_order_cannot_be_edited_through_the_workflow():
    order = signed(launch_order())
    with pytest.raises(ActionRefused):
        actions.order_update(order, actor=curator_of(order.organization), title="О другом")
    with pytest.raises(ActionRefused):
        actions.order_delete_draft(order, actor=curator_of(order.organization))


def test_signing_freezes_the_names_as_they_were_declined():
    order = signed(launch_order())
    entry = order.people.get()
    assert entry.declined_name == "Иванову Марию Петровну"


# Transactional, so that the threads see the orders. No serialized rollback: after another
# transactional test's flush it would reinsert content types that exist again (the conftest
# restores the reference lists instead).
@pytest.mark.django_db(transaction=True)
def test_concurrent_signing_never_duplicates_a_number():
    """Four signatures at the same moment: `next_sequence` counts under the organization's lock,
    so each waits for the one before and the numbers run 1…4 (no unique-constraint error)."""
    org = OrganizationFactory()
    curator = curator_of(org)
    director = director_of(org)
    orders = []
    for _ in range(4):
        order = reward_order(org)
        actions.order_submit(order, actor=curator)
        orders.append(order)
    barrier = threading.Barrier(len(orders))
    errors: list[BaseException] = []

    def sign(order):
        try:
            barrier.wait()
            actions.order_sign(order, actor=director, on=date(2025, 5, 20))
        except BaseException as exc:  # noqa: BLE001 — reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Order.objects.filter(organization=org).values_list("sequence", flat=True))
    assert numbers == [1, 2, 3, 4]


def test_signing_the_launch_order_approves_the_roadmap_of_its_year_with_its_number():
    from people.models import AcademicYear
    from roadmap.models import Roadmap
    from roadmap.tests.factories import RoadmapFactory

    org = OrganizationFactory(order_suffix="-од")
    year = AcademicYear.objects.current()
    other_year = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)[0]
    awaiting = RoadmapFactory(
        organization=org, academic_year=year, status=Roadmap.Status.REVIEW, protocol_number="3"
    )
    other_year_map = RoadmapFactory(organization=org, academic_year=other_year, status=Roadmap.Status.REVIEW)
    other_school_map = RoadmapFactory(academic_year=year, status=Roadmap.Status.REVIEW)
    order = signed(launch_order(org), on=date(year.start_year, 8, 29))
    awaiting.refresh_from_db()
    assert awaiting.status == Roadmap.Status.APPROVED
    assert (awaiting.order_number, awaiting.order_date, awaiting.protocol_number) == (
        order.number,
        order.date,
        "3",
    )
    for untouched in (other_year_map, other_school_map):
        untouched.refresh_from_db()
        assert untouched.status == Roadmap.Status.REVIEW


def _last_context(order: Order) -> dict:
    return order.events.select_related("pgh_context").order_by("-pgh_id").first().pgh_context.metadata


def test_each_step_writes_its_actor_and_name_into_the_order_history():
    order = launch_order()
    curator, director = curator_of(order.organization), director_of(order.organization)
    actions.order_submit(order, actor=curator)
    assert _last_context(order) == {
        "user": curator.pk,
        "username": curator.username,
        "action": "order_submit",
    }
    actions.order_sign(order, actor=director, on=date(2025, 3, 1))
    context = _last_context(order)
    assert (context["username"], context["action"]) == (director.username, "order_sign")


def test_a_refused_step_leaves_the_order_and_its_history_as_they_were():
    order = signed(launch_order(), on=date(2025, 3, 1))
    events = order.events.count()
    with pytest.raises(ActionRefused, match="Выберите подписанный приказ"):
        actions.order_cancel(order, actor=director_of(order.organization), by_order=None, reason="ошибка")
    with pytest.raises(ActionRefused, match="только черновик"):
        actions.order_update(order, actor=curator_of(order.organization), title="О другом")
    order.refresh_from_db()
    assert (order.status, order.cancel_reason, order.number) == (Order.Status.SIGNED, "", "1-од")
    assert order.events.count() == events


def test_a_cancelled_order_downloads_stamped_with_the_cancelling_order_and_the_signed_file_stays():

    from mentoring.tests.pdf import page_texts
    from reports.orders import documents

    org = OrganizationFactory()
    order = signed(reward_order(org, [PersonFactory(organization=org)]), on=date(2025, 9, 3))
    cancelling = signed(reward_order(org, [PersonFactory(organization=org)]), on=date(2025, 10, 5))
    with order.pdf.open("rb") as stored:
        before = stored.read()
    actions.order_cancel(order, actor=director_of(org), by_order=cancelling, reason="издан ошибочно")
    order.refresh_from_db()
    downloaded = documents.order_pdf(order)
    assert downloaded != before
    pages = page_texts(downloaded)
    mark = f"Отменён приказом от 05.10.2025 № {cancelling.number}"
    assert cancelling.number == "2-од"
    assert all(mark in page.replace("\u00a0", " ") for page in pages)
    assert f"№ {order.number}" in pages[0].replace("\u00a0", " ")  # the signed text is still there
    with order.pdf.open("rb") as stored:
        after = stored.read()
    assert after == before and Order.checksum(after) == order.pdf_sha256
    assert order.cancel_reason == "издан ошибочно"


def test_an_order_cannot_be_cancelled_by_itself_an_unsigned_an_earlier_or_a_foreign_order():
    org = OrganizationFactory()
    order = signed(reward_order(org), on=date(2025, 9, 3))
    earlier_draft = reward_order(org)
    foreign = signed(reward_order(), on=date(2025, 9, 4))
    director = director_of(org)
    for by in (order, earlier_draft, foreign):
        with pytest.raises(ActionRefused, match="другим подписанным приказом"):
            actions.order_cancel(order, actor=director, by_order=by)
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED and order.cancelled_by_order is None


def test_a_cancellation_order_drafted_for_an_order_cancels_it_when_signed():
    org = OrganizationFactory()
    staff = PersonFactory(organization=org)
    order = signed(reward_order(org, [staff]), on=date(2025, 9, 3))
    draft = actions.order_draft_cancellation(order, actor=curator_of(org))
    assert draft.kind == Order.Kind.OTHER
    assert draft.title.startswith(f"Об отмене приказа от 03.09.2025\u00a0№\u00a0{order.number}")
    assert [e.person for e in draft.ordered_people()] == [staff]
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED  # a draft cancels nothing
    cancelling = signed(draft, on=date(2025, 9, 20))
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and order.cancelled_by_order == cancelling
    assert order.cancel_reason == cancelling.title[:300]
