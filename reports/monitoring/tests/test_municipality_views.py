"""The municipal coordinator's pages: statistics and monitoring of its municipality's schools, the
exports, and «Школы муниципалитета» with each school's roadmap progress, pairs and status."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jobs.testing import export, queued_job_ids
from people.models import AcademicYear
from people.tests.factories import MunicipalityFactory, OrganizationFactory
from reports.monitoring.tests import stats_data
from roadmap.models import Activity
from roadmap.tests.factories import ActivityFactory, ApprovedRoadmapFactory, RoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db
SCHOOLS = reverse("statistics:schools")


@pytest.fixture
def data(world):
    return stats_data.build(world)


@pytest.fixture
def neighbour(world):
    """A second school of the coordinator's municipality, without pairs."""
    return OrganizationFactory(short_name="Школа В", municipality=world.org.municipality)


def _roadmap(org, *, done: int, overdue: int, planned: int, status="approved"):
    year = AcademicYear.objects.current()
    factory = ApprovedRoadmapFactory if status == "approved" else RoadmapFactory
    roadmap = factory(organization=org, academic_year=year, status=status)
    stage = StageFactory(roadmap=roadmap, number=1)
    yesterday, later = date.today() - timedelta(days=1), date.today() + timedelta(days=30)
    for i in range(done):
        ActivityFactory(
            stage=stage, number=f"1.{i}", status=Activity.Status.DONE, end=yesterday, completed_on=yesterday
        )
    for i in range(overdue):
        ActivityFactory(
            stage=stage, number=f"2.{i}", status=Activity.Status.PLANNED, start=yesterday, end=yesterday
        )
    for i in range(planned):
        ActivityFactory(stage=stage, number=f"3.{i}", status=Activity.Status.PLANNED, start=later, end=later)
    ActivityFactory(stage=stage, number="4.1", status=Activity.Status.CANCELLED, end=yesterday)
    return roadmap


def test_coordinator_statistics_cover_its_municipality_by_default(world, data, neighbour, login, client):
    login(world.users["coordinator"])
    response = client.get(reverse("statistics:index"), {"year": data["year"].start_year})
    assert response.status_code == 200
    assert set(response.context["scope"].organizations) == {world.org, neighbour}
    assert "Школа Б" not in response.text


def test_coordinator_monitoring_shows_its_schools_side_by_side(world, data, neighbour, login, client):
    login(world.users["coordinator"])
    response = client.get(reverse("statistics:monitoring"), {"year": data["year"].start_year})
    assert response.status_code == 200
    assert [org for org, _ in response.context["per_org"]] == [world.org, neighbour]
    assert "Школа Б" not in response.text


@pytest.mark.parametrize("name", ["statistics:index", "statistics:monitoring"])
def test_a_school_of_another_municipality_is_404(world, name, login, client):
    login(world.users["coordinator"])
    assert client.get(reverse(name), {"org": world.other_org.pk}).status_code == 404
    assert client.get(reverse(name), {"org": world.org.pk}).status_code == 200


def test_the_note_of_a_school_of_another_municipality_is_404(world, login, client):
    """The analytical note is a job: starting it for another municipality's school is refused and
    queues nothing; for its own school the file is made and downloads."""
    login(world.users["coordinator"])
    url = reverse("statistics:monitoring_note")
    assert client.post(f"{url}?org={world.other_org.pk}").status_code == 404
    assert queued_job_ids() == []
    assert export(client, url, {"org": world.org.pk}).content.startswith(b"%PDF")


def test_coordinator_exports_the_form_of_its_schools(world, data, neighbour, login, client):
    login(world.users["coordinator"])
    response = export(client, reverse("statistics:export", args=["form"]), {"year": data["year"].start_year})
    assert response.status_code == 200
    text = " ".join(
        str(cell)
        for sheet in load_workbook(BytesIO(response.content)).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert "Школа А" in text and "Школа В" in text
    assert "Школа Б" not in text


def test_schools_page_shows_roadmap_progress_pairs_and_status(world, data, neighbour, login, client):
    _roadmap(world.org, done=3, overdue=1, planned=0)
    _roadmap(neighbour, done=0, overdue=0, planned=2, status="draft")
    login(world.users["coordinator"])
    response = client.get(SCHOOLS)
    assert response.status_code == 200
    lines = {line.organization: line for line in response.context["lines"]}
    assert set(lines) == {world.org, neighbour}
    own, other = lines[world.org], lines[neighbour]
    assert (own.roadmap.activities, own.roadmap.done, own.roadmap.overdue, own.roadmap.percent) == (
        4,
        3,
        1,
        75,
    )
    assert (own.pairs_total, own.pairs_active) == (3, 1)
    assert own.problems == ["просрочено: 1 мероприятие"]
    assert other.roadmap.status_label == "черновик"
    assert other.problems == ["нет утверждённой дорожной карты", "нет действующих пар"]
    assert "3 из 4 (75\u00a0%)" in response.text
    assert "Школа Б" not in response.text


def test_schools_page_filters_by_name_and_attention(world, data, neighbour, login, client):
    _roadmap(world.org, done=1, overdue=0, planned=1)  # with its active pair: in order
    login(world.users["coordinator"])
    found = client.get(SCHOOLS, {"q": "кола в"}).context["lines"]
    assert [line.organization for line in found] == [neighbour]
    attention = client.get(SCHOOLS, {"attention": "1"}).context["lines"]
    assert neighbour in [line.organization for line in attention]
    assert world.org not in [line.organization for line in attention]


def test_admin_chooses_a_municipality_and_another_is_404_for_the_coordinator(world, neighbour, login, client):
    login(world.users["admin"])
    everything = client.get(SCHOOLS).context["lines"]
    assert {line.organization for line in everything} >= {world.org, neighbour, world.other_org}
    chosen = client.get(SCHOOLS, {"municipality": world.other_org.municipality_id}).context["lines"]
    assert [line.organization for line in chosen] == [world.other_org]
    login(world.users["coordinator"])
    assert client.get(SCHOOLS, {"municipality": world.other_org.municipality_id}).status_code == 404
    assert client.get(SCHOOLS, {"municipality": "x"}).status_code == 404


@pytest.mark.parametrize("role", ["director", "curator", "mentor"])
def test_school_roles_do_not_get_the_overview(world, role, login, client):
    login(world.users[role])
    assert client.get(SCHOOLS).status_code == 403


def test_schools_page_queries_do_not_grow_with_the_schools(
    world, login, client, django_assert_max_num_queries
):
    municipality = world.org.municipality
    _roadmap(world.org, done=1, overdue=1, planned=1)
    login(world.users["coordinator"])
    client.get(SCHOOLS)  # warm: the current year exists
    with django_assert_max_num_queries(40) as few:
        client.get(SCHOOLS)
    for i in range(12):
        school = OrganizationFactory(municipality=municipality)
        _roadmap(school, done=i % 3, overdue=1, planned=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(SCHOOLS)
    assert len(response.context["lines"]) == 13


def test_dashboard_of_the_coordinator_leads_to_the_schools(world, neighbour, login, client):
    login(world.users["coordinator"])
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert SCHOOLS in response.text
    assert "2 образовательные организации" in response.text
    assert "Школы муниципалитета" in response.text


def test_other_municipality_is_not_counted_for_its_coordinator(world):
    other = MunicipalityFactory()
    OrganizationFactory(municipality=other)
    assert world.org.municipality.organizations.count() == 1


def test_the_admin_dashboard_has_no_municipal_panel(world, login, client):
    login(world.users["admin"])
    assert "Ход дорожных карт, пары и мониторинг каждой школы" not in client.get(reverse("dashboard")).text
