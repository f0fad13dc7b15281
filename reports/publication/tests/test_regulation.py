"""The Положение: the standard text, the curator's edits, the council's protocol, the director's
approval by a signed launch order (or one signed on paper), the frozen PDF."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.lib.actions import ActionRefused
from mentoring.tests.history import history_contexts
from mentoring.tests.pdf import pdf_text
from reports.orders.tests.factories import curator_of, director_of, launch_order, signed
from reports.publication import actions, documents
from reports.publication.models import Regulation
from reports.publication.tests import factories as f

pytestmark = pytest.mark.django_db


def test_standard_text_has_every_section_the_issue_lists_with_the_organizations_data(world):
    regulation = f.draft_regulation(world.org)
    titles = " ".join(s["title"] for s in regulation.sections).lower()
    for part in (
        "общие положения",
        "понятия",
        "цели",
        "принципы",
        "формы",
        "куратора",
        "наставника",
        "наставляемого",
        "формирования и прекращения",
        "мониторинг",
        "мотивация",
    ):
        assert part in titles, part
    text = " ".join(s["text"] for s in regulation.sections)
    assert world.org.name_genitive in text and "273-ФЗ" in text and "«учитель – учитель»" in text
    assert (
        "педагогических работников муниципального бюджетного общеобразовательного учреждения «Школа №" in text
    )
    students = actions.regulation_create(world.org, Regulation.Audience.STUDENTS, actor=curator_of(world.org))
    assert "«ученик – ученик»" in " ".join(s["text"] for s in students.sections)


def test_only_one_draft_per_audience(world):
    f.draft_regulation(world.org)
    with pytest.raises(ActionRefused):
        f.draft_regulation(world.org)


def test_curator_edits_sections_adds_and_removes_one(world, login, client):
    regulation = f.draft_regulation(world.org)
    login(world.users["curator"])
    form_url = reverse("regulation:edit", args=[regulation.uuid])
    count = len(regulation.sections)
    data = {"title": "Положение о наставничестве (новое)"}
    for i, section in enumerate(regulation.sections):
        data[f"title_{i}"], data[f"text_{i}"] = section["title"], section["text"]
    data["title_0"], data["text_0"] = "", ""  # removed
    data[f"title_{count}"], data[f"text_{count}"] = "Особые условия", "14.1. Новый пункт."
    assert client.post(form_url, data).status_code == 302
    regulation.refresh_from_db()
    assert regulation.title == "Положение о наставничестве (новое)"
    assert len(regulation.sections) == count
    assert regulation.sections[-1] == {"title": "Особые условия", "text": "14.1. Новый пункт."}


def test_edit_refuses_a_section_text_without_title_and_an_empty_regulation(world, login, client):
    regulation = f.draft_regulation(world.org)
    login(world.users["curator"])
    data = {"title": regulation.title, "title_0": "", "text_0": "Текст без названия"}
    response = client.post(reverse("regulation:edit", args=[regulation.uuid]), data)
    assert response.status_code == 200 and "Укажите название раздела" in response.content.decode()
    regulation.refresh_from_db()
    assert regulation.sections[0]["title"] == "Общие положения"


def test_submit_needs_the_council_protocol(world, login, client):
    regulation = f.draft_regulation(world.org)
    login(world.users["curator"])
    client.post(reverse("regulation:submit", args=[regulation.uuid]), {"protocol_number": "3"})
    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.DRAFT
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(
        reverse("regulation:submit", args=[regulation.uuid]),
        {"protocol_date": future, "protocol_number": "3"},
    )
    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.DRAFT


def test_director_approves_by_a_signed_launch_order_and_the_pdf_carries_both_stamps(world, login, client):
    regulation = f.review_regulation(world.org)
    order = signed(launch_order(world.org, world.staff))
    login(world.users["director"])
    response = client.post(reverse("regulation:approve", args=[regulation.uuid]), {"order": order.pk})
    assert response.status_code == 302
    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.APPROVED
    assert (regulation.order, regulation.order_number, regulation.order_date) == (
        order,
        order.number,
        order.date,
    )
    text = pdf_text(documents.regulation_pdf(regulation))
    assert "ПРИНЯТО" in text and f"протокол от {regulation.protocol_date:%d.%m.%Y} № 1" in text
    assert f"УТВЕРЖДЕНО приказом от {order.date:%d.%m.%Y} № {order.number}" in text
    assert "ПРОЕКТ" not in text


def test_signing_the_launch_order_approves_the_regulation_awaiting_approval(world):
    regulation = f.review_regulation(world.org)
    order = signed(launch_order(world.org, world.staff, regulations=[regulation]))
    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.APPROVED and regulation.order == order
    assert regulation.order_stamp == f"приказом от {order.date:%d.%m.%Y} № {order.number}"


def test_director_may_record_an_order_signed_on_paper(world, login, client):
    regulation = f.review_regulation(world.org)
    login(world.users["director"])
    day = timezone.localdate().isoformat()
    client.post(
        reverse("regulation:approve", args=[regulation.uuid]), {"order_date": day, "order_number": "44-од"}
    )
    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.APPROVED and regulation.order is None
    assert regulation.order_number == "44-од"


def test_approval_without_an_order_or_before_the_protocol_is_refused(world, login, client):
    regulation = f.review_regulation(world.org)
    login(world.users["director"])
    client.post(reverse("regulation:approve", args=[regulation.uuid]), {"order_number": "44-од"})
    early = (regulation.protocol_date - timedelta(days=1)).isoformat()
    client.post(
        reverse("regulation:approve", args=[regulation.uuid]), {"order_date": early, "order_number": "1"}
    )
    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.REVIEW


def test_order_of_another_school_cannot_approve(world, login, client):
    regulation = f.review_regulation(world.org)
    foreign = signed(launch_order(world.other_org))
    assert foreign.organization != world.org
    login(world.users["director"])
    page = client.get(reverse("regulation:detail", args=[regulation.uuid])).content.decode()
    assert f'value="{foreign.pk}"' not in page
    client.post(reverse("regulation:approve", args=[regulation.uuid]), {"order": foreign.pk})
    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.REVIEW
    with pytest.raises(ActionRefused):
        actions.regulation_approve(regulation, actor=director_of(world.org), order=foreign)


def test_new_edition_archives_the_old_one_and_the_approved_text_is_frozen(world):
    first = f.approved_regulation(world.org)
    with pytest.raises(DatabaseError), transaction.atomic():
        Regulation.objects.filter(pk=first.pk).update(sections=[{"title": "x", "text": "y"}])
    second = actions.regulation_create(world.org, Regulation.Audience.STAFF, actor=curator_of(world.org))
    assert second.version == 2 and second.previous == first and second.sections == first.sections
    actions.regulation_submit(
        second, actor=curator_of(world.org), protocol_date=timezone.localdate(), protocol_number="9"
    )
    actions.regulation_approve(
        second, actor=director_of(world.org), order_date=timezone.localdate(), order_number="2"
    )
    first.refresh_from_db()
    assert first.status == Regulation.Status.ARCHIVED


def test_director_returns_with_comments(world, login, client):
    regulation = f.review_regulation(world.org)
    login(world.users["director"])
    client.post(reverse("regulation:return", args=[regulation.uuid]), {"comment": "Дополнить раздел 12"})
    regulation.refresh_from_db()
    assert regulation.status == Regulation.Status.DRAFT and regulation.return_comment == "Дополнить раздел 12"
    login(world.users["curator"])
    assert "Дополнить раздел 12" in client.get(regulation.get_absolute_url()).content.decode()


def test_draft_pdf_is_marked_as_project(world, login, client):
    regulation = f.draft_regulation(world.org)
    login(world.users["curator"])
    response = client.get(reverse("regulation:pdf", args=[regulation.uuid]))
    assert response["Content-Type"] == "application/pdf"
    assert "ПРОЕКТ" in pdf_text(response.content)


def test_other_schools_curator_gets_404(world, login, client):
    regulation = f.draft_regulation(world.org)
    login(world.other_curator)
    for name in ("regulation:detail", "regulation:pdf", "regulation:edit"):
        assert client.get(reverse(name, args=[regulation.uuid])).status_code == 404


def test_regulation_list_queries_do_not_grow(world, login, client):
    login(world.users["director"])
    f.approved_regulation(world.org)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("regulation:list")).status_code == 200
        return len(captured)

    small = count()
    for _ in range(3):
        regulation = actions.regulation_create(world.org, "staff", actor=curator_of(world.org))
        actions.regulation_submit(
            regulation, actor=None, protocol_date=timezone.localdate(), protocol_number="5"
        )
        actions.regulation_approve(regulation, actor=None, order_date=timezone.localdate(), order_number="6")
    assert Regulation.objects.filter(organization=world.org).count() == 4
    assert count() == small


def test_a_regulation_step_runs_in_the_history_context_of_its_actor(world):
    regulation = f.draft_regulation(world.org)
    curator = curator_of(world.org)
    with history_contexts(Regulation) as contexts:
        actions.regulation_submit(
            regulation, actor=curator, protocol_date=timezone.localdate(), protocol_number="7"
        )
    assert contexts == [{"user": curator.pk, "username": curator.username, "action": "regulation_submit"}]


def test_a_refused_regulation_step_changes_nothing(world):
    regulation = f.draft_regulation(world.org)
    with pytest.raises(ActionRefused, match="не может быть в будущем"):
        actions.regulation_submit(
            regulation,
            actor=curator_of(world.org),
            protocol_date=timezone.localdate() + timedelta(days=1),
            protocol_number="7",
        )
    regulation.refresh_from_db()
    assert (regulation.status, regulation.protocol_number, regulation.protocol_date) == (
        Regulation.Status.DRAFT,
        "",
        None,
    )


def test_approval_date_shown_is_the_orders_date_not_the_day_it_was_entered(world, login, client):
    order_day = timezone.localdate() - timedelta(days=20)
    regulation = actions.regulation_approve(
        f.review_regulation(world.org, protocol_date=order_day - timedelta(days=1)),
        actor=director_of(world.org),
        order_date=order_day,
        order_number="2-од",
    )
    assert regulation.approved_on == order_day
    login(world.users["curator"])
    page = client.get(regulation.get_absolute_url()).content.decode()
    assert f"Утверждено приказом от {order_day:%d.%m.%Y} № 2-од" in page
    assert f"Утверждено {timezone.localdate():%d.%m.%Y}" not in page
