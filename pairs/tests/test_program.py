from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs import actions
from pairs.models import Pair, PlanItem, Program
from pairs.tests.factories import (
    approve_program,
    consenting_mentee,
    consenting_mentor,
    make_pair,
    world_pair,
)
from people.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _program_with(n_items: int, n_done: int) -> Program:
    org = OrganizationFactory()
    pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)])
    program = Program.objects.create(
        pair=pair,
        deficits="d",
        goals="g",
        tasks="t",
        period_start=pair.planned_start,
        period_end=pair.planned_end,
    )
    today = timezone.localdate()
    PlanItem.objects.bulk_create(
        [
            PlanItem(
                program=program,
                position=i,
                content=f"п{i}",
                deadline=today,
                done_on=today if i < n_done else None,
            )
            for i in range(n_items)
        ]
    )
    return program


@pytest.mark.parametrize(
    ("items", "done", "percent", "kpi"),
    [(10, 9, 90, True), (10, 8, 80, False), (29, 26, 90, False), (4, 4, 100, True), (0, 0, 0, False)],
)
def test_completion_and_the_90_percent_kpi(items, done, percent, kpi):
    """26 of 29 is 89.7 %: shown rounded as 90 %, but the KPI «не менее 90 %» is not met."""
    program = _program_with(items, done)
    assert program.completion() == (done, items, percent)
    assert program.kpi_met is kpi


def test_template_fills_the_plan_and_requests_become_deficits():
    org = OrganizationFactory()
    mentee = consenting_mentee(org)
    from people.models import Competency

    mentee.requests.set(Competency.objects.filter(name="ведение документации"))
    pair = make_pair(org, [consenting_mentor(org)], [mentee])
    program = actions.program_create_from_template(pair, "young_teacher", actor=None)
    assert program.deficits == "ведение документации"
    items = list(program.items.all())
    assert len(items) == 7
    assert items[-1].deadline == pair.planned_end
    assert all(pair.planned_start <= i.deadline <= pair.planned_end for i in items)


def test_curator_sends_the_programme_for_approval_and_cannot_approve_it(world, login):
    pair = world_pair(world)
    client = login(world.users["curator"])
    version = Program.objects.get(pair=pair).version
    client.post(reverse("pairs:program_submit", args=[pair.uuid]), {"version": version})
    program = Program.objects.get(pair=pair)
    assert program.status == Program.Status.REVIEW
    response = client.post(reverse("pairs:program_approve", args=[pair.uuid]), {"version": program.version})
    assert response.status_code == 403
    assert Program.objects.get(pair=pair).status == Program.Status.REVIEW


def test_mentor_ticks_an_item_with_evidence_via_htmx(world, login):
    pair = world_pair(world)
    approve_program(pair)
    item = pair.program.items.first()
    client = login(world.users["mentor"])
    url = reverse("pairs:item_progress", args=[pair.uuid, item.pk])
    refused = client.post(url, {"done": "on", "evidence": ""}, **HTMX)
    assert "Укажите подтверждение" in refused.content.decode()
    response = client.post(url, {"done": "on", "evidence": "журнал проверен"}, **HTMX)
    assert response.content.decode().lstrip().startswith(f'<tr id="item-{item.pk}"')
    item.refresh_from_db()
    assert item.done_on == timezone.localdate() and item.evidence == "журнал проверен"


def test_programme_pdf_renders(world, login, tmp_path):
    pair = world_pair(world)
    response = login(world.users["mentee"]).get(reverse("pairs:program_pdf", args=[pair.uuid]))
    assert response.content.startswith(b"%PDF")


def test_curator_edits_the_plan(world, login):
    pair = world_pair(world)
    program = pair.program
    items = list(program.items.all())
    data = {
        "kind": "personal",
        "deficits": "новые дефициты",
        "goals": "g",
        "tasks": "t",
        "period_start": program.period_start.isoformat(),
        "period_end": program.period_end.isoformat(),
        "version": program.version,
        "items-TOTAL_FORMS": len(items) + 1,
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for i, item in enumerate(items):
        data |= {
            f"items-{i}-id": item.pk,
            f"items-{i}-position": item.position,
            f"items-{i}-content": item.content,
            f"items-{i}-deadline": item.deadline.isoformat(),
        }
    data[f"items-{len(items)}-position"] = 99
    data[f"items-{len(items)}-content"] = "Новый пункт"
    data[f"items-{len(items)}-deadline"] = program.period_end.isoformat()
    response = login(world.users["curator"]).post(reverse("pairs:program_edit", args=[pair.uuid]), data)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.deficits == "новые дефициты"
    assert program.items.count() == len(items) + 1


def edit_post(program, items, extra_rows: dict) -> dict:
    """The programme editor's POST: the programme's fields, its `items` as they are, and the
    fields of the extra (new) rows, one extra form per distinct row index in `extra_rows`."""
    extra = len({key.split("-")[1] for key in extra_rows})
    data = {
        "kind": program.kind,
        "deficits": program.deficits,
        "goals": program.goals,
        "tasks": program.tasks,
        "period_start": program.period_start.isoformat(),
        "period_end": program.period_end.isoformat(),
        "version": program.version,
        "items-TOTAL_FORMS": len(items) + extra,
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
        **extra_rows,
    }
    for i, item in enumerate(items):
        data |= {
            f"items-{i}-id": item.pk,
            f"items-{i}-position": item.position,
            f"items-{i}-content": item.content,
            f"items-{i}-deadline": item.deadline.isoformat(),
        }
    return data


def test_empty_plan_rows_offer_the_next_numbers_and_are_ignored_when_left_blank(world, login):
    pair = world_pair(world)
    program = pair.program
    items = list(program.items.all())
    last = max(item.position for item in items)
    client = login(world.users["curator"])
    page = client.get(reverse("pairs:program_edit", args=[pair.uuid])).content.decode()
    n = len(items)
    assert f'name="items-{n}-position" value="{last + 1}"' in page
    assert f'name="items-{n + 1}-position" value="{last + 2}"' in page
    data = edit_post(program, items, {f"items-{n}-position": last + 1, f"items-{n + 1}-position": last + 2})
    response = client.post(reverse("pairs:program_edit", args=[pair.uuid]), data)
    assert response.status_code == 302
    assert program.items.count() == n


MARK_URL = "pairs:item_progress"


@pytest.mark.parametrize("role", ["mentor", "curator"])
def test_a_programme_under_review_offers_no_ticks_and_refuses_one(world, login, role):
    pair = world_pair(world)
    program = actions.program_submit(Program.objects.get(pair=pair), actor=None)
    assert program.status == Program.Status.REVIEW
    item = program.items.first()
    client = login(world.users[role])
    page = client.get(pair.get_absolute_url()).content.decode()
    assert reverse(MARK_URL, args=[pair.uuid, item.pk]) not in page
    response = client.post(
        reverse(MARK_URL, args=[pair.uuid, item.pk]), {"done": "on", "evidence": "журнал"}, **HTMX
    )
    assert "только в утверждённой программе" in response.content.decode()
    item.refresh_from_db()
    assert item.done_on is None and item.evidence == ""


@pytest.mark.parametrize("role", ["mentor", "curator"])
def test_an_approved_programme_of_an_active_pair_offers_ticks(world, login, role):
    pair = world_pair(world)
    item = approve_program(pair).items.first()
    page = login(world.users[role]).get(pair.get_absolute_url()).content.decode()
    assert reverse(MARK_URL, args=[pair.uuid, item.pk]) in page
    assert 'placeholder="Подтверждение"' in page


def test_a_terminated_pair_takes_no_more_ticks(world, login):
    pair = world_pair(world)
    item = approve_program(pair).items.first()
    actions.pair_terminate(pair, reason="перевод в другую школу", actor=None)
    client = login(world.users["mentor"])
    assert (
        reverse(MARK_URL, args=[pair.uuid, item.pk])
        not in client.get(pair.get_absolute_url()).content.decode()
    )
    response = client.post(
        reverse(MARK_URL, args=[pair.uuid, item.pk]), {"done": "on", "evidence": "журнал"}, follow=True
    )
    assert "пока она действует" in response.content.decode()
    item.refresh_from_db()
    assert item.done_on is None


def test_the_action_refuses_a_tick_in_a_draft_programme(world):
    item = world_pair(world).program.items.first()
    with pytest.raises(actions.ActionRefused, match="только в утверждённой программе"):
        actions.plan_item_mark(item, done=True, evidence="журнал", actor=None)
    item.refresh_from_db()
    assert item.done_on is None


def test_a_terminated_pair_without_a_programme_offers_no_template(world, login):
    org = world.org
    pair = make_pair(org, [consenting_mentor(org)], [consenting_mentee(org)])
    client = login(world.users["curator"])
    assert "Создать по шаблону" in client.get(pair.get_absolute_url()).content.decode()
    actions.pair_terminate(pair, reason="наставник уволился", actor=None)
    page = client.get(pair.get_absolute_url()).content.decode()
    assert "Создать по шаблону" not in page and "Программа не составлялась." in page
    response = client.post(
        reverse("pairs:program_from_template", args=[pair.uuid]), {"template": "young_teacher"}, follow=True
    )
    assert "программу для неё уже не составляют" in response.content.decode()
    assert not Program.objects.filter(pair=pair).exists()
    opened = client.get(reverse("pairs:program_edit", args=[pair.uuid]), follow=True)
    assert opened.redirect_chain[-1][0] == pair.get_absolute_url()
    assert "Создать по шаблону" not in opened.content.decode()
    assert Pair.objects.get(pk=pair.pk).status == Pair.Status.TERMINATED


def test_empty_plan_rows_are_not_marked_required_and_a_started_row_needs_its_fields(world, login):
    pair = world_pair(world)
    program = pair.program
    items = list(program.items.all())
    n = len(items)
    client = login(world.users["curator"])
    page = client.get(reverse("pairs:program_edit", args=[pair.uuid])).content.decode()

    def label(name):
        return re.search(rf'<label[^>]* for="id_{name}"[^>]*>.*?</label>', page, re.S).group(0)

    assert "asteriskField" in label("items-0-content") and "asteriskField" in label("items-0-deadline")
    assert "asteriskField" not in label(f"items-{n}-content")
    assert "asteriskField" not in label(f"items-{n}-deadline")
    assert re.search(r'<textarea name="items-0-reporting_form"', page), "the form of reporting wraps"
    data = edit_post(
        program, items, {f"items-{n}-position": n + 1, f"items-{n}-reporting_form": "Диагностическая работа"}
    )
    response = client.post(reverse("pairs:program_edit", args=[pair.uuid]), data)
    assert response.status_code == 200
    assert "Обязательное поле." in response.content.decode()
    assert program.items.count() == n
