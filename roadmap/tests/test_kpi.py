"""KPI plan and fact: the target read from the text, the fact typed by hand, shown on the page,
in the PDF and in Excel."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.lib.actions import ActionRefused
from people.models import AcademicYear
from roadmap import actions
from roadmap.importer import read_docx
from roadmap.kpi import COUNT, PERCENT, Target, parse_target
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, StageFactory


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("не менее 90%", Target(Decimal(90), PERCENT, "%")),
        ("100%", Target(Decimal(100), PERCENT, "%")),
        ("Программы реализованы не менее чем на 90 %", Target(Decimal(90), PERCENT, "%")),
        ("Выполнено 100 % позиций дорожной карты", Target(Decimal(100), PERCENT, "%")),
        ("не менее 90% обучающихся 5–9 классов", Target(Decimal(90), PERCENT, "%")),
        ("Участие не менее 2 представителей ОО в конкурсах", Target(Decimal(2), COUNT, "представителей")),
        ("не менее 3 занятий для каждой группы наставников", Target(Decimal(3), COUNT, "занятий")),
        ("Не менее, чем 4 встречи", Target(Decimal(4), COUNT, "встречи")),
        ("Охват 75,5 процента педагогов", Target(Decimal("75.5"), PERCENT, "%")),
    ],
)
def test_targets_are_read_as_schools_write_them(text, target):
    assert parse_target(text) == target


@pytest.mark.parametrize("text", ["", "Локальные акты приняты", "Протокол от 15.09.2023 № 2", "150 %"])
def test_texts_without_a_target_give_none(text):
    assert parse_target(text) is None


@pytest.mark.parametrize("name", ["ddt-ermak-2023-2024", "dou-kirov-2024", "school3-volgograd-2023-2024"])
def test_the_school_roadmaps_cells_give_no_invented_targets(name):
    """The sample roadmaps name dates, numbers of orders and classes, and no targets in their KPI
    column: none of those is read as a target."""
    with open(f"/work/shared/samples/{name}.docx", "rb") as handle:
        data = read_docx(handle, 2023)
    cells = [
        a[key] for s in data["stages"] for a in s["activities"] for key in ("kpi", "expected_result", "title")
    ]
    assert [c for c in cells if parse_target(c)] == []


@pytest.fixture
def activity(world):
    roadmap = ApprovedRoadmapFactory(organization=world.org, academic_year=AcademicYear.objects.current())
    activity = ActivityFactory(
        stage=StageFactory(roadmap=roadmap),
        title="Освещение работы в СМИ",
        kpi="не менее 4 публикаций",
    )
    activity.apply_kpi_text()
    activity.save()
    activity.responsible.add(world.person_of("mentor"))
    return activity


@pytest.mark.django_db
def test_fact_typed_by_hand_shows_plan_fact_and_met(world, activity, login):
    client = login(world.users["mentor"])
    response = client.post(reverse("roadmap:activity_kpi", args=[activity.uuid]), {"value": "5"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.kpi_actual == 5 and activity.kpi_target == 4 and activity.kpi_unit == COUNT
    page = login(world.users["curator"]).get(activity.stage.roadmap.get_absolute_url()).content.decode()
    assert "План: 4, факт: 5" in page and "достигнут" in page


@pytest.mark.django_db
def test_bad_fact_is_refused_with_a_message_and_nothing_changes(world, activity, login):
    client = login(world.users["curator"])
    response = client.post(reverse("roadmap:activity_kpi", args=[activity.uuid]), {"value": "-1"})
    assert response.status_code == 200 and "больше либо равно 0" in response.content.decode()
    Activity.objects.filter(pk=activity.pk).update(kpi_unit=PERCENT, kpi_target=90)
    response = client.post(reverse("roadmap:activity_kpi", args=[activity.uuid]), {"value": "120"})
    assert "от 0 до 100 %" in response.content.decode()
    activity.refresh_from_db()
    assert activity.kpi_actual is None


@pytest.mark.django_db
def test_no_fact_without_a_target_or_outside_the_roadmap_in_force(world, activity):
    Activity.objects.filter(pk=activity.pk).update(kpi_target=None, kpi_unit="")
    with pytest.raises(ActionRefused, match="нет целевого значения"):
        actions.activity_set_kpi_actual(activity, actor=None, value=Decimal(1))
    Roadmap.objects.filter(pk=activity.stage.roadmap_id).update(status=Roadmap.Status.ARCHIVED)
    with pytest.raises(ActionRefused, match="утверждённую"):
        actions.activity_set_kpi_actual(activity, actor=None, value=Decimal(1))


@pytest.mark.django_db
def test_director_may_not_type_the_fact_and_another_school_gets_404(world, activity, login):
    url = reverse("roadmap:activity_kpi", args=[activity.uuid])
    assert login(world.users["director"]).post(url, {"value": "1"}).status_code == 403
    assert login(world.other_curator).post(url, {"value": "1"}).status_code == 404
    activity.refresh_from_db()
    assert activity.kpi_actual is None


@pytest.mark.django_db
def test_pdf_and_excel_show_plan_fact_and_met(world, activity, login):
    from jobs.testing import export
    from mentoring.tests.pdf import pdf_text

    Activity.objects.filter(pk=activity.pk).update(kpi_actual=3)
    client = login(world.users["curator"])
    roadmap = activity.stage.roadmap
    pdf = export(client, reverse("roadmap:roadmap_pdf", args=[roadmap.uuid])).content
    assert "План: 4; факт: 3 — не достигнут" in pdf_text(pdf)
    xlsx = export(client, reverse("roadmap:roadmap_xlsx", args=[roadmap.uuid])).content
    rows = list(load_workbook(io.BytesIO(xlsx)).worksheets[0].values)
    header = next(r for r in rows if r and "План" in r)
    row = next(r for r in rows if r and r[2] == "Освещение работы в СМИ")
    assert (
        row[header.index("План")],
        row[header.index("Факт")],
        row[header.index("Показатель достигнут")],
    ) == (
        "4",
        "3",
        "нет",
    )
