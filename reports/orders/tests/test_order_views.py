"""The order pages per role: the curator drafts and sends, the director signs and prints."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.models import Job
from jobs.testing import export
from mentoring.tests.pdf import pdf_text
from reports.orders.models import Order, OrderPerson
from reports.orders.tests.factories import launch_order, reward_order, signed
from reports.orders.tests.test_order_pdf import flat

pytestmark = pytest.mark.django_db


def test_curator_can_draft_a_launch_order_from_the_data(world, login):
    client = login(world.users["curator"])
    response = client.post(
        reverse("orders:order_create", args=["launch"]),
        {"academic_year": "2025", "curator": world.staff.pk},
    )
    order = Order.objects.get(organization=world.org)
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    assert order.status == Order.Status.DRAFT and order.number == ""
    assert order.params["academic_year"] == "2025/2026"
    assert any("Назначить куратором" in p["text"] and "Сидорову" in p["text"] for p in order.points)


def test_curator_cannot_name_a_person_of_another_school(world, login):
    client = login(world.users["curator"])
    response = client.post(
        reverse("orders:order_create", args=["launch"]),
        {"academic_year": "2025", "curator": world.other_person.pk},
    )
    assert response.status_code == 200
    assert "curator" in response.context["form"].errors
    assert not Order.objects.exists()


def test_curator_can_draft_a_reward_order_for_several_people(world, login):
    client = login(world.users["curator"])
    response = client.post(
        reverse("orders:order_create", args=["reward"]),
        {
            "academic_year": "2025",
            "people": [world.staff.pk, world.student.pk],
            "reward": "certificate",
            "merit": "",
        },
    )
    order = Order.objects.get(organization=world.org)
    assert response.status_code == 302
    assert order.people.filter(reward="certificate").count() == 2


def test_unknown_kind_is_404(world, login):
    response = login(world.users["curator"]).get(reverse("orders:order_create", args=["nonsense"]))
    assert response.status_code == 404


def test_curator_edits_the_wording_and_bad_input_changes_nothing(world, login):
    order = launch_order(world.org, world.staff)
    client = login(world.users["curator"])
    url = reverse("orders:order_edit", args=[order.uuid])
    bad = client.post(
        url, {"title": "Приказ", "preamble": "", "points": "", "control": "Контроль оставляю за собой."}
    )
    assert bad.status_code == 200 and bad.context["form"].errors
    order.refresh_from_db()
    assert order.title.startswith("Об утверждении")
    client.post(
        url,
        {
            "title": "О назначении куратора.",
            "preamble": "В целях реализации целевой модели наставничества,",
            "points": "Назначить куратором Сидорову Марию Петровну.\nОтветственный: Сидорова М.П.\nСрок: 01.10.2025\n\nВторой пункт.",
            "control": "Контроль за исполнением настоящего приказа оставляю за собой.",
            "executor_mark": "Нечесова Анна Андреевна",
        },
    )
    order.refresh_from_db()
    assert order.title == "О назначении куратора"
    assert order.preamble == "В целях реализации целевой модели наставничества"
    assert order.points == [
        {
            "text": "Назначить куратором Сидорову Марию Петровну.",
            "executor": "Сидорова М.П.",
            "deadline": "01.10.2025",
        },
        {"text": "Второй пункт."},
    ]


def test_a_corrected_name_is_kept_and_replaces_the_old_form_in_the_text(world, login):
    order = launch_order(world.org, world.staff)
    entry = order.people.get()
    automatic = entry.automatic_name
    client = login(world.users["curator"])
    client.post(
        reverse("orders:order_person_update", args=[order.uuid, entry.pk]),
        {f"p{entry.pk}-declined_name": "Сидорову-Ким Марию Петровну"},
    )
    entry.refresh_from_db()
    order.refresh_from_db()
    assert entry.declined_name == "Сидорову-Ким Марию Петровну"
    text = " ".join(p["text"] for p in order.points)
    assert "Сидорову-Ким Марию Петровну" in text and automatic not in text
    client.post(reverse("orders:order_regenerate", args=[order.uuid]))
    order.refresh_from_db()
    assert "Сидорову-Ким Марию Петровну" in " ".join(p["text"] for p in order.points)


def test_changing_a_reward_regroups_the_points(world, login):
    order = reward_order(world.org, [world.staff])
    entry = order.people.get()
    login(world.users["curator"]).post(
        reverse("orders:order_person_update", args=[order.uuid, entry.pk]),
        {
            f"p{entry.pk}-declined_name": entry.name_in_text,
            f"p{entry.pk}-reward": "certificate",
            f"p{entry.pk}-merit": "",
        },
    )
    order.refresh_from_db()
    assert order.points[0]["text"].startswith("Наградить почётной грамотой")
    assert "Сидорову" in order.points[0]["text"]


def test_director_sees_what_awaits_signature_and_signs_it(world, login):
    order = launch_order(world.org, world.staff)
    login(world.users["curator"]).post(reverse("orders:order_submit", args=[order.uuid]))
    client = login(world.users["director"])
    listing = client.get(reverse("orders:order_list"))
    assert "Ожидают вашей подписи" in listing.content.decode()
    assert [o.pk for o in listing.context["pending"]] == [order.pk]
    client.post(reverse("orders:order_sign", args=[order.uuid]))
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED and order.number == "1-од"
    pdf = client.get(reverse("orders:order_pdf", args=[order.uuid]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_curator_cannot_sign(world, login):
    order = launch_order(world.org, world.staff)
    client = login(world.users["curator"])
    client.post(reverse("orders:order_submit", args=[order.uuid]))
    assert client.post(reverse("orders:order_sign", args=[order.uuid])).status_code == 403
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_signing_a_draft_not_sent_shows_a_message(world, login):
    order = launch_order(world.org, world.staff)
    response = login(world.users["director"]).post(
        reverse("orders:order_sign", args=[order.uuid]), follow=True
    )
    assert "Подписать можно только приказ, отправленный на подпись." in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT


def test_director_can_return_an_order_for_changes(world, login):
    order = launch_order(world.org, world.staff)
    login(world.users["curator"]).post(reverse("orders:order_submit", args=[order.uuid]))
    login(world.users["director"]).post(reverse("orders:order_return", args=[order.uuid]))
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT


def test_director_cancels_by_a_signed_order_chosen_from_the_register(world, login):
    order = signed(launch_order(world.org, world.staff))
    client = login(world.users["director"])
    client.post(reverse("orders:order_cancel", args=[order.uuid]), {"reason": "издан ошибочно"})
    order.refresh_from_db()
    assert order.status == Order.Status.SIGNED
    cancelling = signed(reward_order(world.org, [world.staff]))
    page = client.get(order.get_absolute_url()).content.decode()
    assert f'<option value="{cancelling.pk}">' in page
    client.post(
        reverse("orders:order_cancel", args=[order.uuid]),
        {"by_order": cancelling.pk, "reason": "издан ошибочно"},
    )
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and order.cancelled_by_order == cancelling
    page = client.get(order.get_absolute_url()).content.decode()
    assert f"приказом {cancelling.display_number}" in page


def test_curator_drafts_the_cancellation_order(world, login):
    order = signed(launch_order(world.org, world.staff))
    response = login(world.users["curator"]).post(
        reverse("orders:order_draft_cancellation", args=[order.uuid])
    )
    draft = Order.objects.get(params__cancels=str(order.uuid))
    assert response.url == draft.get_absolute_url()
    assert draft.status == Order.Status.DRAFT and draft.title.startswith("Об отмене приказа")


def test_a_draft_cannot_be_given_a_cancellation_order(world, login):
    order = launch_order(world.org, world.staff)
    login(world.users["curator"]).post(reverse("orders:order_draft_cancellation", args=[order.uuid]))
    assert not Order.objects.filter(params__cancels=str(order.uuid)).exists()


def test_curator_of_other_school_gets_404(world, login):
    order = signed(launch_order(world.org, world.staff))
    client = login(world.other_curator)
    for name in ["orders:order_detail", "orders:order_pdf", "orders:order_docx", "orders:order_edit"]:
        assert client.get(reverse(name, args=[order.uuid])).status_code == 404, name
    assert client.post(reverse("orders:order_cancel", args=[order.uuid]), {"reason": "x"}).status_code == 404


def test_other_schools_orders_are_not_in_the_register(world, login):
    launch_order(world.other_org)
    response = login(world.users["director"]).get(reverse("orders:order_list"))
    assert response.context["page"].paginator.count == 0


def test_a_tampered_signed_pdf_is_an_error_page(world, login):
    order = signed(launch_order(world.org, world.staff))
    with order.pdf.open("wb") as stored:
        stored.write(b"%PDF forged")
    response = login(world.users["director"]).get(reverse("orders:order_pdf", args=[order.uuid]))
    assert response.status_code == 500
    assert "не совпал с контрольной суммой" in response.content.decode()


def test_docx_has_the_order_text(world, login):
    import io

    from docx import Document

    order = signed(launch_order(world.org, world.staff))
    response = login(world.users["curator"]).get(reverse("orders:order_docx", args=[order.uuid]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "ПРИКАЗ" in text and "ПРИКАЗЫВАЮ:" in text and "Сидорову" in text
    assert "№ 1-од" in cells and "Сидорова" in cells
    assert "ознакомлены:" in text


def test_register_query_count_does_not_grow_with_orders(world, login):
    client = login(world.users["director"])
    url = reverse("orders:order_list")
    launch_order(world.org, world.staff)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        reward_order(world.org, [world.staff, world.student])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["page"].paginator.count == 6
    assert len(many) == len(few)


def test_detail_shows_people_and_names_in_text(world, login):
    order = reward_order(world.org, [world.staff, world.student])
    response = login(world.users["curator"]).get(order.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert world.staff.full_name in content
    assert OrderPerson.objects.filter(order=order).count() == 2


def test_dashboard_shows_the_director_what_awaits_signature(world, login):
    order = launch_order(world.org, world.staff)
    login(world.users["curator"]).post(reverse("orders:order_submit", args=[order.uuid]))
    content = login(world.users["director"]).get(reverse("dashboard")).content.decode()
    assert "ждут вашей подписи" in content and order.get_absolute_url() in content


def test_dashboard_has_no_orders_panel_for_a_mentor(world, login):
    content = login(world.users["mentor"]).get(reverse("dashboard")).content.decode()
    assert "Открыть реестр приказов" not in content


def test_a_draft_pdf_is_prepared_as_a_job_and_a_signed_one_served_at_once(world, login):
    order = launch_order(world.org, world.staff)
    client = login(world.users["curator"])
    url = reverse("orders:order_pdf", args=[order.uuid])
    assert client.get(url).status_code == 405
    draft = export(client, url)
    assert draft["Content-Type"] == "application/pdf" and "ПРОЕКТ" in flat(pdf_text(draft.content))
    order = signed(order)
    assert client.post(url).status_code == 200  # a signed order's stored PDF: no job
    assert Job.objects.filter(kind="order_document").count() == 1
